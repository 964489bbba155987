import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageState, uniqueEmail } from "../support/accounts";
import { createKeyOnDashboard } from "../support/keys";
import { shootPage, shotsTest } from "../support/shots";
import { signUp } from "../support/sign-up";

// Billing staff's read-only customer pages (/billing/customers): the admin console's list and detail, with nothing
// that changes a customer, key or tier, and never a key value.

const MUTATING_CONTROLS = ["Suspend", "Resume", "Delete customer", "Move", "Extend quota", "End sessions"];

/** A fresh customer with a second key whose value the test keeps, to look for it where it must never be. */
async function customerWithKey(browser: Browser, name: string) {
  const email = uniqueEmail(name.toLowerCase().replace(/\W/g, ""));
  // Signed out, whatever the describe block's storage state (browser.newContext() takes it too).
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signUp(page, { name, email, company: `${name} Ltd` });
  const { value } = await createKeyOnDashboard(page, "invoiced");
  expect(value.length).toBeGreaterThan(20);
  await context.close();
  return { email, value };
}

async function expectNoMutatingControls(page: Page) {
  for (const name of MUTATING_CONTROLS) await expect(page.getByRole("button", { name, exact: true }), name).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: "New tier" })).toHaveCount(0);
  await expect(page.getByRole("spinbutton")).toHaveCount(0);
}

test.describe("as billing staff", () => {
  test.use({ storageState: storageState("billing") });

  test("finds a customer in the list, opens it read-only: tier, status, keys by last four, this period's quota, report links", async ({ page, browser }) => {
    test.setTimeout(120_000); // a sign-up and a key first
    const customer = await customerWithKey(browser, "Ledger Customer");
    await page.goto("/billing");
    await page.getByRole("navigation", { name: "Billing console" }).getByRole("link", { name: "Customers" }).first().click();
    await expect(page).toHaveURL(/\/billing\/customers$/);
    await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();

    await page.getByRole("searchbox", { name: "Search customers" }).fill(customer.email);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/billing\/customers\?q=/);
    const rows = page.getByTestId("customer-row");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("Ledger Customer");
    await expect(rows.first()).toContainText("Basic");
    await expect(rows.first().getByRole("cell").nth(3)).toHaveText("2"); // keys
    await expect(rows.first().getByRole("cell").nth(4)).toHaveText("0 (0%)"); // pooled usage this period
    await expectNoMutatingControls(page);

    await page.getByRole("link", { name: "Ledger Customer" }).click();
    await expect(page).toHaveURL(/\/billing\/customers\/[A-Za-z0-9_-]+$/);
    const id = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    await expect(page.getByRole("heading", { name: "Ledger Customer", level: 1 })).toBeVisible();
    await expect(page.getByTestId("customer-tier")).toHaveText("Basic");
    await expect(page.getByTestId("customer-status")).toHaveText("active");
    const keyRow = page.getByTestId("admin-key-row").filter({ hasText: "invoiced" });
    await expect(keyRow).toContainText(customer.value.slice(-4));
    await expect(keyRow).toContainText("active");
    await expect(page.getByRole("columnheader", { name: "AWS key id" })).toHaveCount(0);
    const pool = page.getByTestId("customer-pool");
    await expect(pool).toContainText("0 of 1,000 requests (0%)");
    await expect(pool.getByRole("progressbar", { name: "Ledger Customer's quota used this period" })).toHaveAttribute("aria-valuenow", "0");
    await expect(pool).toContainText("counted across all 2 keys");
    const records = page.getByRole("navigation", { name: "Billing records of Ledger Customer" });
    await expect(records.getByRole("link", { name: "Period report" })).toHaveAttribute("href", `/billing/report/${id}`);
    await expect(records.getByRole("link", { name: "Invoice preview" })).toHaveAttribute("href", `/billing/report/${id}/invoice`);
    await expect(page.getByRole("link", { name: "Manage in admin console" })).toHaveCount(0);
    await expectNoMutatingControls(page);
    // What only admins read is not on the page at all.
    for (const title of ["Manage", "Operations", "Tier requests", "Audit trail"]) await expect(page.getByRole("heading", { name: title, exact: true }), title).toHaveCount(0);

    // The key's value is nowhere: not in the rendered page, not in the HTML or the RSC payload the server sent.
    expect(await page.content()).not.toContain(customer.value);
    for (const path of [`/billing/customers/${id}`, `/billing/customers?${new URLSearchParams({ q: customer.email })}`]) {
      const body = await (await page.request.get(path)).text();
      expect(body, path).toContain("Ledger Customer");
      expect(body, path).not.toContain(customer.value);
    }
  });

  test("is redirected from the admin console's customer pages to the billing ones, and refused the rest of the admin console", async ({ page, browser }) => {
    test.setTimeout(120_000);
    const customer = await customerWithKey(browser, "Redirected Customer");
    const list = await page.request.get(`/admin/customers?${new URLSearchParams({ q: customer.email })}`, { maxRedirects: 0 });
    expect(list.status()).toBe(307);
    expect(list.headers().location).toBe(`/billing/customers?${new URLSearchParams({ q: customer.email })}`);

    await page.goto(`/admin/customers?${new URLSearchParams({ q: customer.email })}`);
    await expect(page).toHaveURL(/\/billing\/customers\?q=/);
    await expect(page.getByTestId("customer-row")).toHaveCount(1);
    await page.getByRole("link", { name: "Redirected Customer" }).click();
    await expect(page).toHaveURL(/\/billing\/customers\/[A-Za-z0-9_-]+$/);
    const id = new URL(page.url()).pathname.split("/").at(-1) ?? "";

    await page.goto(`/admin/customers/${id}`);
    await expect(page).toHaveURL(new RegExp(`/billing/customers/${id}$`));
    await expect(page.getByRole("heading", { name: "Redirected Customer", level: 1 })).toBeVisible();
    await expectNoMutatingControls(page);

    for (const path of ["/admin", "/admin/tiers", "/admin/staff", "/admin/audit"]) expect((await page.goto(path))?.status(), path).toBe(403);
  });

  test("gets a not-found page for a customer that does not exist, and the whole list for odd parameters", async ({ page }) => {
    for (const path of ["/billing/customers/cnosuchcustomer00000000", "/billing/customers/not%20an%20id"]) {
      expect((await page.goto(path))?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: /not found/i })).toBeVisible();
    }
    expect((await page.goto("/billing/customers?page=abc&status=nonsense&tier=%3Cscript%3E"))?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
    await expect(page.getByTestId("customer-row").first()).toBeVisible();
  });

  test("lands on the billing console after signing in, with no admin link in the header", async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("E-mail").fill("billing@gatehouse.local");
    await page.getByLabel("Password").fill("gatehouse-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/billing$/);
    const header = page.getByRole("banner");
    await expect(header.getByRole("link", { name: "Billing" })).toBeVisible();
    await expect(header.getByRole("link", { name: "Admin" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: /^Admin/ })).toHaveCount(0);
    await context.close();
  });
});

test("an admin still manages customers in the admin console, and reads the billing view read-only", async ({ browser }) => {
  test.setTimeout(120_000);
  const customer = await customerWithKey(browser, "Admin Still Customer");
  const context = await browser.newContext({ storageState: storageState("admin") });
  const page = await context.newPage();
  await page.goto(`/admin/customers?${new URLSearchParams({ q: customer.email })}`);
  await expect(page.getByTestId("customer-row").first().getByRole("button", { name: "End sessions" })).toBeVisible();
  await page.getByRole("link", { name: "Admin Still Customer" }).click();
  await expect(page).toHaveURL(/\/admin\/customers\/[A-Za-z0-9_-]+$/);
  const id = new URL(page.url()).pathname.split("/").at(-1) ?? "";
  for (const name of ["Suspend", "Delete customer", "Move", "Extend quota", "End sessions"]) await expect(page.getByRole("button", { name, exact: true }).first(), name).toBeVisible();
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "AWS key id" })).toBeVisible();

  await page.goto(`/billing/customers/${id}`);
  await expect(page.getByRole("heading", { name: "Admin Still Customer", level: 1 })).toBeVisible();
  await expectNoMutatingControls(page);
  await expect(page.getByRole("link", { name: "Manage in admin console" })).toHaveAttribute("href", `/admin/customers/${id}`);
  expect(await page.content()).not.toContain(customer.value);
  await context.close();
});

shotsTest("the billing customer pages at 1280 and 390 px, light and dark", async ({ browser }) => {
  test.setTimeout(180_000);
  await customerWithKey(browser, "Screenshot Billing Customer");
  const context = await browser.newContext({ storageState: storageState("billing") });
  const page = await context.newPage();
  await page.goto(`/billing/customers?${new URLSearchParams({ q: "Screenshot Billing Customer" })}`);
  await page.getByRole("link", { name: "Screenshot Billing Customer" }).first().click();
  await expect(page).toHaveURL(/\/billing\/customers\/[A-Za-z0-9_-]+$/);
  const detail = new URL(page.url()).pathname;
  await context.close();
  await shootPage(browser, storageState("billing"), "/billing/customers", "billing-customers");
  await shootPage(browser, storageState("billing"), detail, "billing-customer-detail");
});
