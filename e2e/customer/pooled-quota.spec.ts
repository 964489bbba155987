import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { uniqueEmail } from "../support/accounts";
import { createKeyOnDashboard } from "../support/keys";
import { SHOTS_DIR } from "../support/shots";
import { signUp } from "../support/sign-up";

// The customer sees ONE quota for the account (all keys share it: lib/quota), with the per-key breakdown below it.
// Real requests through local AWS's data plane from two keys, real GetUsage behind "Refresh now".

async function refreshNow(page: Page) {
  const button = page.getByRole("button", { name: "Refresh now" });
  await expect(button).toBeEnabled({ timeout: 15_000 });
  await button.click();
  await expect(page.getByTestId("usage-age")).toHaveText("Updated just now");
}

test("the usage page shows the account's one quota across all keys, the keys below it; AWS failing keeps the figures", async ({ page, request }) => {
  test.setTimeout(150_000);
  await signUp(page, { name: "Pool Tester", email: uniqueEmail("pool"), tier: "Basic" });
  const one = await createKeyOnDashboard(page, "pool one");
  const two = await createKeyOnDashboard(page, "pool two");
  for (let i = 0; i < 5; i++) expect((await request.get(one.url, { headers: { "x-api-key": one.value } })).status()).toBe(200);
  for (let i = 0; i < 3; i++) expect((await request.get(two.url, { headers: { "x-api-key": two.value } })).status()).toBe(200);

  await page.goto("/dashboard/usage");
  await refreshNow(page);
  await expect(page.getByTestId("usage-pooled-quota")).toContainText("8 of 1,000 requests used this period across all your keys; resets");
  await expect(page.getByTestId("usage-period")).toContainText("8 / 1,000");
  await expect(page.getByTestId("usage-remaining")).toHaveText("992");
  await expect(page.getByRole("progressbar", { name: "Quota used by all your keys" })).toHaveAttribute("aria-valuetext", /8 of 1,000 requests/);
  // The breakdown: each key's own requests.
  await expect(page.getByTestId("key-usage-row").filter({ hasText: "pool one" }).getByRole("cell").first()).toHaveText("5");
  await expect(page.getByTestId("key-usage-row").filter({ hasText: "pool two" }).getByRole("cell").first()).toHaveText("3");
  await expect(page.getByText("one quota shared by all keys (above)")).toBeVisible();
  await expect(page.getByText("each key has its own quota")).toHaveCount(0);

  // The dashboard says the same.
  await page.goto("/dashboard");
  await expect(page.getByTestId("dashboard-pooled-quota")).toContainText(/^\d+ of 1,000, all keys together/);

  if (process.env.SHOTS_DIR) {
    mkdirSync(SHOTS_DIR, { recursive: true });
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto("/dashboard/usage");
        await expect(page.getByTestId("usage-pooled-quota")).toBeVisible();
        await page.screenshot({ path: join(SHOTS_DIR, `pooled-usage-${colorScheme}-${width}.png`), fullPage: true });
      }
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  // AWS failing (GetUsage answers 503): the refresh says so and the pooled figure already shown stays.
  await page.goto("/dashboard/usage");
  const faults = `${one.awsEndpoint}/_localaws/faults`;
  expect((await request.post(faults, { data: { rules: [{ operation: "GetUsage", errorRate: 1, kind: "5xx" }] } })).ok()).toBe(true);
  try {
    const button = page.getByRole("button", { name: "Refresh now" });
    await expect(button).toBeEnabled({ timeout: 15_000 });
    await button.click();
    await expect(page.getByRole("alert").filter({ hasText: "AWS is not reachable right now" })).toBeVisible();
    await expect(page.getByTestId("usage-pooled-quota")).toContainText("8 of 1,000 requests used this period across all your keys");
  } finally {
    await request.delete(faults);
  }
});
