import { expect, test } from "@playwright/test";
import { storageState } from "../support/accounts";
import { shootPage, shotsTest } from "../support/shots";

// Closing a month is for good: this spec closes last month on its own fresh server (the suite's), once.
const monthName = (d: Date) => d.toLocaleDateString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
const now = new Date();
const running = monthName(now);
const last = monthName(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));

test.use({ storageState: storageState("billing") });

test("billing staff close last month after confirming; it shows as closed; closing it again is refused with the reason", async ({ page, browser }) => {
  await page.goto("/billing/periods");
  await expect(page.getByRole("heading", { name: "Periods", level: 1 })).toBeVisible();
  await expect(page.getByText("Only whole months that have ended can be closed")).toBeVisible();

  // The running month cannot be closed: no Close button, and it says why.
  const runningRow = page.getByTestId("period-row").filter({ hasText: running });
  await expect(runningRow.getByTestId("period-status")).toHaveText("Running");
  await expect(runningRow).toContainText("can be closed once it has ended");
  await expect(runningRow.getByRole("button", { name: /Close/ })).toHaveCount(0);

  // A second tab, opened before the close, still offers it.
  const stale = await (await browser.newContext({ storageState: storageState("billing") })).newPage();
  await stale.goto("/billing/periods");

  const row = page.getByTestId("period-row").filter({ hasText: last });
  await expect(row.getByTestId("period-status")).toHaveText("Open");
  await row.getByRole("button", { name: `Close ${last}` }).click();
  const dialog = page.getByRole("alertdialog", { name: `Close ${last}?` });
  await expect(dialog).toContainText("cannot be undone");
  await expect(dialog).toContainText("adjustments");
  // Cancel changes nothing.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId("period-status")).toHaveText("Open");

  await row.getByRole("button", { name: `Close ${last}` }).click();
  await dialog.getByRole("button", { name: `Close ${last}` }).click();
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: `${last} is closed` })).toBeVisible();
  await expect(row.getByTestId("period-status")).toHaveText("Closed");
  await expect(row).toContainText("billing@gatehouse.local");
  await expect(row).toContainText("frozen");
  await expect(row).toContainText("None"); // no adjustments pending
  await expect(row.getByRole("button", { name: /Close/ })).toHaveCount(0);

  // The stale tab tries again: refused, with who closed it, and nothing changes.
  const staleRow = stale.getByTestId("period-row").filter({ hasText: last });
  await staleRow.getByRole("button", { name: `Close ${last}` }).click();
  await stale.getByRole("alertdialog", { name: `Close ${last}?` }).getByRole("button", { name: `Close ${last}` }).click();
  await expect(staleRow.getByText(new RegExp(`^${last} is already closed \\(on .* UTC by billing@gatehouse\\.local\\)`))).toBeVisible();

  // The report for that month says it is closed, with its frozen figures.
  await row.getByRole("link", { name: last }).click();
  await expect(page).toHaveURL(/\/billing\?month=/);
  await expect(page.getByTestId("closed-period-notice")).toContainText("Closed");
  await expect(page.getByTestId("closed-period-notice")).toContainText("Frozen");
});

shotsTest("the periods page at 1280 and 390 px, light and dark", async ({ browser }) => {
  test.setTimeout(120_000);
  await shootPage(browser, storageState("billing"), "/billing/periods", "billing-periods");
});
