import { expect, test } from "@playwright/test";
import { storageState, uniqueEmail } from "../support/accounts";
import { keyWithUsage, refreshUsageNow } from "../support/quota";
import { shootPage } from "../support/shots";
import { signUp } from "../support/sign-up";

// A customer reaches its whole quota (real requests, real GetUsage behind "Refresh now"); billing staff then see
// who crossed which threshold when, filter the list, and get clear messages for bad filters.

test.use({ storageState: storageState("billing") });

test("billing staff see which customer crossed 80% and 100% of its quota, when, and whether it was e-mailed", async ({ browser, page }) => {
  test.setTimeout(180_000);
  const name = `Quota Crosser ${Date.now().toString(36)}`;
  const customer = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const customerPage = await customer.newPage();
  await signUp(customerPage, { name, email: uniqueEmail("crosser") });
  const key = await keyWithUsage(customerPage, customer.request, "billing alerts e2e");
  await key.setUsedToday(1000);
  await refreshUsageNow(customerPage);
  await customer.close();

  await page.goto("/billing");
  await page.getByRole("navigation", { name: "Billing console" }).getByRole("link", { name: "Quota alerts" }).click();
  await expect(page).toHaveURL(/\/billing\/alerts$/);
  await expect(page.getByRole("heading", { name: "Quota alerts", level: 1 })).toBeVisible();
  const table = page.getByRole("table", { name: "Quota threshold crossings" });
  const rows = table.getByTestId("quota-alert-row").filter({ hasText: name });
  await expect(rows).toHaveCount(2);
  const full = rows.filter({ hasText: "100% (quota used up)" });
  await expect(full).toContainText("Basic");
  await expect(full).toContainText("1,000 of 1,000");
  await expect(full).toContainText(new Date().toISOString().slice(0, 10)); // crossed at, UTC
  await expect(full).toContainText("1 recipient");
  const link = full.getByRole("link", { name });
  await expect(link).toHaveAttribute("href", /^\/billing\/customers\/[A-Za-z0-9_-]+$/);

  // Filter by threshold: the URL keeps the filter, so the view can be shared.
  await page.getByLabel("Threshold", { exact: true }).selectOption("80");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/threshold=80/);
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("80%");
  await expect(rows).not.toContainText("100% (quota used up)");

  // All periods still include it; a month with no crossings shows the empty state.
  await page.goto("/billing/alerts?period=all");
  await expect(rows).toHaveCount(2);
  await page.goto("/billing/alerts?period=2001-01");
  await expect(table).toContainText("No customer crossed a quota threshold with these filters.");

  // A bad filter is reported next to its field, never a 500 and never half-applied.
  const response = await page.goto("/billing/alerts?threshold=90&period=yesterday");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("alert").filter({ hasText: "Some filters are not valid" })).toBeVisible();
  await expect(page.getByLabel("Threshold", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Choose 80% or 100%.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Quota threshold crossings" })).toHaveCount(0);

  if (process.env.SHOTS_DIR) await shootPage(browser, storageState("billing"), "/billing/alerts", "billing-quota-alerts");
});
