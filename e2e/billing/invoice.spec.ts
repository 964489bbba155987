import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { storageState } from "../support/accounts";
import { shootPage, SHOTS_DIR, shotsTest } from "../support/shots";

// The demo seed's Dana Demo (Demo Labs) is on Premium ($49 / month) since the server started this month.
test.use({ storageState: storageState("billing") });

async function openInvoiceFromDrillDown(page: Page) {
  await page.goto("/billing");
  await page.getByRole("link", { name: "Dana Demo" }).first().click();
  await expect(page.getByRole("heading", { name: "Dana Demo", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Invoice preview" }).click();
  await expect(page.getByRole("heading", { name: "Invoice preview", level: 1 })).toBeVisible();
}

test("billing staff open a customer's invoice preview from the drill-down, and print it without the console around it", async ({ page }) => {
  await openInvoiceFromDrillDown(page);
  await expect(page).toHaveURL(/\/billing\/report\/[^/]+\/invoice\?from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByTestId("preview-marker")).toHaveText("Preview — not an invoice");
  await expect(page.getByTestId("invoice-customer")).toHaveText("Dana Demo");
  await expect(page.getByText("Demo Labs")).toBeVisible();
  await expect(page.getByText("Period still running")).toBeVisible();
  const tierLine = page.getByTestId("invoice-line").filter({ hasText: "Premium tier" });
  await expect(tierLine).toContainText("$49 / month");
  await expect(tierLine).toContainText(/Prorated: \$49 × \d+ ÷ \d+ days/);
  // The total is the sum of the lines, as the server computed them.
  const total = await page.getByTestId("invoice-total").textContent();
  await expect(page.getByTestId("invoice-subtotal")).toHaveText(total ?? "");

  // The print view: the invoice alone, black on white.
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  await page.emulateMedia({ media: "print", colorScheme: "dark" });
  await expect(page.locator("[data-invoice-document]")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Billing console" })).toBeHidden();
  await expect(page.locator("header").first()).toBeHidden();
  await expect(page.locator("footer").first()).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Dana Demo" })).toBeHidden();
  const colours = await page.locator("[data-invoice-document]").evaluate((el) => {
    const style = getComputedStyle(el);
    return { color: style.color, background: getComputedStyle(document.body).backgroundColor };
  });
  expect(colours).toEqual({ color: "rgb(0, 0, 0)", background: "rgb(255, 255, 255)" });
  await page.emulateMedia({ media: "screen" });
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
});

test("an invoice for a range that is not valid says why, and a customer that does not exist is not found", async ({ page }) => {
  await openInvoiceFromDrillDown(page);
  const url = new URL(page.url());
  await page.goto(`${url.pathname}?from=2026-11-20&to=2026-11-01`);
  await expect(page.getByRole("alert").filter({ hasText: "That period cannot be shown" })).toContainText("To must be on or after From.");
  await expect(page.locator("[data-invoice-document]")).toHaveCount(0);
  // The form is there to correct it.
  await page.getByLabel("From").fill("2026-11-01");
  await page.getByLabel("To").fill("2026-11-30");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByTestId("invoice-period")).toHaveText("November 1, 2026 – November 30, 2026");

  const missing = await page.goto("/billing/report/nosuchcustomer/invoice");
  expect(missing?.status()).toBe(404);
});

shotsTest("the invoice preview at 1280 and 390 px, light and dark, and printed", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await openInvoiceFromDrillDown(page);
  const path = new URL(page.url()).pathname + new URL(page.url()).search;
  await shootPage(browser, storageState("billing"), path, "billing-invoice");
  mkdirSync(SHOTS_DIR, { recursive: true });
  // A4 is 210 mm wide: 794 CSS px at 96 dpi.
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: join(SHOTS_DIR, "billing-invoice-print.png"), fullPage: true });
  await page.pdf({ path: join(SHOTS_DIR, "billing-invoice-a4.pdf"), format: "A4", printBackground: true });
  await page.pdf({ path: join(SHOTS_DIR, "billing-invoice-letter.pdf"), format: "Letter", printBackground: true });
});
