import { expect, test } from "@playwright/test";
import { storageState } from "../support/accounts";
import { shootPage, shotsTest } from "../support/shots";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test("billing staff take a usage snapshot of a range and watch it run to completion", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageState("billing") });
  const page = await context.newPage();
  await page.goto("/billing/usage-history");
  await expect(page.getByRole("heading", { name: "Usage history", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Usage history" })).toHaveAttribute("aria-current", "page");

  const from = day(-2);
  const to = day(0);
  await page.getByLabel("First day (UTC)").fill(from);
  await page.getByLabel("Last day (UTC)").fill(to);
  await page.getByRole("button", { name: "Take snapshot" }).click();
  await expect(page.getByText("Snapshot started: 3 days of every key's usage.")).toBeVisible();

  const run = page.getByTestId("snapshot-run").filter({ hasText: `${from} – ${to}` }).filter({ hasText: "by billing@gatehouse.local" }).first();
  await expect(run).toBeVisible();
  await expect(run.getByRole("progressbar")).toBeVisible();
  // The page refreshes itself while the run goes; it ends done, every plan swept.
  await expect(run).toContainText("Done", { timeout: 45_000 });
  const bar = run.getByRole("progressbar");
  await expect(bar).toHaveAttribute("aria-valuenow", (await bar.getAttribute("aria-valuemax")) ?? "");
  await expect(page.getByTestId("last-snapshot")).toContainText(/finished/);
  await context.close();
});

test("an invalid range is refused with a message by the field, and nothing starts", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageState("billing") });
  const page = await context.newPage();
  await page.goto("/billing/usage-history");
  const runs = await page.getByTestId("snapshot-run").count();

  await page.getByLabel("First day (UTC)").fill(day(0));
  await page.getByLabel("Last day (UTC)").fill(day(-3));
  await page.getByRole("button", { name: "Take snapshot" }).click();
  await expect(page.getByText("The last day must be on or after the first day.")).toBeVisible();
  await expect(page.getByLabel("Last day (UTC)")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("First day (UTC)").fill(day(-400));
  await page.getByLabel("Last day (UTC)").fill(day(0));
  await page.getByRole("button", { name: "Take snapshot" }).click();
  await expect(page.getByText(/AWS keeps usage for the last 90 days: the first day can be \d{4}-\d{2}-\d{2} at the earliest/)).toBeVisible();
  await expect(page.getByLabel("First day (UTC)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("snapshot-run")).toHaveCount(runs);
  await context.close();
});

shotsTest("usage history screenshots", async ({ browser }) => {
  await shootPage(browser, storageState("billing"), "/billing/usage-history", "billing-usage-history");
});
