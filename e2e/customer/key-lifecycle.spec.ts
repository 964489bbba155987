import { expect, test } from "@playwright/test";
import { uniqueEmail } from "../support/accounts";
import { createKeyOnDashboard, keyRow } from "../support/keys";
import { signUp } from "../support/sign-up";

test("a customer renames, disables, enables, rotates and revokes a key, and the gateway follows", async ({ page, request }) => {
  await signUp(page, { name: "Life Cycle", email: uniqueEmail("life") });
  const { value, url } = await createKeyOnDashboard(page, "lifecycle");
  const status = async (key: string) => (await request.get(url, { headers: { "x-api-key": key } })).status();
  expect(await status(value)).toBe(200);

  // Rename
  await page.getByRole("button", { name: "Rename key lifecycle" }).click();
  await page.getByLabel("New name").fill("web backend");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(keyRow(page, "web backend")).toContainText("Key renamed.");

  // Disable, then enable
  await page.getByRole("button", { name: "Disable key web backend" }).click();
  await expect(keyRow(page, "web backend")).toContainText("Disabled");
  expect(await status(value)).toBe(403);
  await page.getByRole("button", { name: "Enable key web backend" }).click();
  await expect(keyRow(page, "web backend").getByText("Active", { exact: true })).toBeVisible();
  expect(await status(value)).toBe(200);

  // Rotate with no grace: a new key is shown once; the old one stops working.
  await page.getByRole("button", { name: "Rotate key web backend" }).click();
  await page.getByLabel("Disable the old key now").check();
  await page.getByRole("button", { name: "Create the new key" }).click();
  const rotated = page.getByTestId("rotated-key");
  await expect(rotated).toBeVisible();
  const newValue = (await rotated.locator("pre code").textContent())?.trim() ?? "";
  expect(newValue).not.toBe(value);
  expect(await status(newValue)).toBe(200);
  expect(await status(value)).toBe(403);
  await page.reload();
  await expect(page.getByTestId("key-row").filter({ hasText: "web backend" })).toHaveCount(2);

  // Revoke the new key (the active one): confirm, then it is gone from AWS.
  const activeRow = page.getByTestId("key-row").filter({ hasText: "web backend" }).filter({ has: page.getByRole("button", { name: "Rotate key web backend" }) });
  await activeRow.getByRole("button", { name: "Revoke key web backend" }).click();
  await expect(page.getByText("Revoke “web backend”? It is deleted in AWS at once")).toBeVisible();
  await page.getByRole("button", { name: "Yes, revoke it" }).click();
  await expect(page.getByText("Key revoked: it was deleted in AWS and no longer works.")).toBeVisible();
  expect(await status(newValue)).toBe(403);
  await page.reload();
  await expect(page.getByTestId("key-row").filter({ hasText: "Revoked" })).toHaveCount(1);
});

test("rotation with a grace period keeps the old key working and says until when", async ({ page, request }) => {
  await signUp(page, { name: "Grace Period", email: uniqueEmail("grace") });
  const { value, url } = await createKeyOnDashboard(page, "graceful");
  await page.getByRole("button", { name: "Rotate key graceful" }).click();
  await page.getByLabel("Keep the old key working for 24 hours").check();
  await page.getByRole("button", { name: "Create the new key" }).click();
  await expect(page.getByTestId("rotated-key")).toBeVisible();
  await expect(page.getByText(/Replaced by a rotation: disabled automatically at/)).toBeVisible();
  expect((await request.get(url, { headers: { "x-api-key": value } })).status()).toBe(200);
});

test("revealing a key after the recent-sign-in window asks for the password again", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, { name: "Re Auth", email: uniqueEmail("reauth"), password: "correct-horse-battery" });
  const { value } = await createKeyOnDashboard(page, "guarded");
  await page.waitForTimeout(46_000); // the e2e server's window is 45 s (GATEHOUSE_RECENT_AUTH_SECONDS)
  await page.getByRole("button", { name: "Reveal key guarded" }).click();
  const prompt = page.getByRole("form", { name: "Confirm your password" });
  await expect(prompt).toBeVisible();
  await prompt.getByLabel("Password").fill("wrong-password-123");
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(prompt.getByText("That password is not correct.")).toBeVisible();
  await prompt.getByLabel("Password").fill("correct-horse-battery");
  await prompt.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("revealed-key").locator("pre code").first()).toHaveText(value);
});

test("when AWS fails, creating a key says so, loses nothing, and finishes once AWS recovers", async ({ page, request }) => {
  await signUp(page, { name: "Out Age", email: uniqueEmail("outage") });
  const { awsEndpoint } = await createKeyOnDashboard(page, "before outage");
  const faults = `${awsEndpoint}/_localaws/faults`;
  await request.post(faults, { data: { rules: [{ operation: "CreateApiKey", errorRate: 1, kind: "5xx" }] } });
  try {
    await page.getByLabel("Key name").fill("during outage");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByText("AWS is busy right now, so your new key is queued")).toBeVisible();
    await expect(keyRow(page, "during outage")).toContainText("Being created");
  } finally {
    await request.delete(faults);
  }
  // The background worker retries; the list refreshes itself while work is in progress.
  await expect(keyRow(page, "during outage").getByText("Active", { exact: true })).toBeVisible({ timeout: 45_000 });
});
