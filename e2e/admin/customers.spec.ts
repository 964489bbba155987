import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageState, uniqueEmail } from "../support/accounts";
import { shootPage } from "../support/shots";
import { signUp } from "../support/sign-up";

test("an admin finds a customer who just signed up, with tier and key count", async ({ browser }) => {
  const email = uniqueEmail("newbie");
  const customer = await browser.newContext();
  const page = await customer.newPage();
  await signUp(page, { name: "Newbie Customer", company: "Fresh Start Ltd", email, tier: "Premium" });
  await page.getByLabel("Key name").fill("first");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("new-key")).toBeVisible();
  await expect(page.getByTestId("key-row").filter({ hasText: "Default key" })).toContainText("Active");
  await customer.close();

  const admin = await browser.newContext({ storageState: storageState("admin") });
  const adminPage = await admin.newPage();
  await adminPage.goto("/admin/customers");
  await expect(adminPage.getByRole("heading", { name: "Customers" })).toBeVisible();
  await adminPage.getByRole("searchbox", { name: "Search customers" }).fill(email);
  await adminPage.getByRole("button", { name: "Search" }).click();
  const rows = adminPage.getByTestId("customer-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Newbie Customer");
  await expect(rows.first()).toContainText("Fresh Start Ltd");
  await expect(rows.first()).toContainText("Premium");
  await expect(rows.first().locator("td").nth(3)).toHaveText("2");

  await adminPage.getByRole("searchbox", { name: "Search customers" }).fill("no-such-customer-xyz");
  await adminPage.getByRole("button", { name: "Search" }).click();
  await expect(adminPage.getByText("No customers match “no-such-customer-xyz”.")).toBeVisible();
  await admin.close();
});

/** A fresh customer (own data for destructive tests), signed in in its own context. */
async function freshCustomer(browser: Browser, name: string) {
  const email = uniqueEmail(name.toLowerCase().replace(/\W/g, ""));
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, { name, email });
  await expect(page.getByTestId("key-row").filter({ hasText: "Default key" })).toContainText("Active");
  return { email, context, page };
}

/** Opens a customer's detail page from the list, searched by e-mail. */
async function openCustomer(page: Page, email: string, name: string) {
  await page.goto(`/admin/customers?${new URLSearchParams({ q: email })}`);
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}

test("an admin suspends a customer (keys disabled, the customer told) and resumes them", async ({ browser }) => {
  const customer = await freshCustomer(browser, "Suspend Me");
  const admin = await browser.newContext({ storageState: storageState("admin") });
  const page = await admin.newPage();
  await openCustomer(page, customer.email, "Suspend Me");
  await expect(page.getByTestId("customer-status")).toHaveText("active");
  await expect(page.getByTestId("admin-key-row").filter({ hasText: "Default key" })).toContainText("active");

  await page.getByRole("button", { name: "Suspend" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Suspend Suspend Me?" });
  await expect(dialog).toContainText("1 active key of Suspend Me will be disabled in AWS");
  await dialog.getByLabel("Reason (optional, kept in the audit log)").fill("<b>not allowed</b>");
  await dialog.getByRole("button", { name: "Suspend customer" }).click();
  await expect(dialog.getByText("Remove the characters < and > from the reason.")).toBeVisible();
  await dialog.getByLabel("Reason (optional, kept in the audit log)").fill("Unpaid invoice");
  await dialog.getByRole("button", { name: "Suspend customer" }).click();
  await expect(page.getByText("Suspend Me is suspended and their keys are disabled in AWS.")).toBeVisible();
  await expect(page.getByTestId("customer-status")).toHaveText("suspended");
  await expect(page.getByTestId("admin-key-row").filter({ hasText: "Default key" })).toContainText("by suspension");
  await expect(page.getByTestId("admin-audit-row").filter({ hasText: "customer.suspend" }).first()).toBeVisible();

  await customer.page.goto("/dashboard");
  await expect(customer.page.getByTestId("suspended-notice")).toContainText("Your account is suspended");
  await expect(customer.page.getByRole("button", { name: "Create key" })).toBeDisabled();

  await page.getByRole("button", { name: "Resume" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Resume customer" }).click();
  await expect(page.getByText("Suspend Me is active again; 1 key enabled in AWS.")).toBeVisible();
  await expect(page.getByTestId("customer-status")).toHaveText("active");
  await customer.page.goto("/dashboard");
  await expect(customer.page.getByTestId("suspended-notice")).toHaveCount(0);
  await expect(customer.page.getByTestId("key-row").filter({ hasText: "Default key" })).toContainText("Active");
  await admin.close();
  await customer.context.close();
});

test("an admin moves a customer to an approval-only tier and extends their quota, with bad input refused", async ({ browser }) => {
  const customer = await freshCustomer(browser, "Tier Mover");
  await customer.context.close();
  const admin = await browser.newContext({ storageState: storageState("admin") });
  const page = await admin.newPage();
  await openCustomer(page, customer.email, "Tier Mover");

  // Quota extension first (Basic has a daily quota): bad input stays next to the field.
  const extra = page.getByLabel("Extra requests per key");
  await extra.fill("0");
  await page.getByRole("button", { name: "Extend quota" }).click();
  await expect(page.getByText("Add at least 1 request.")).toBeVisible();
  await extra.fill("2.5");
  await page.getByRole("button", { name: "Extend quota" }).click();
  await expect(page.getByText("Enter a whole number of requests.")).toBeVisible();
  await extra.fill("500");
  await page.getByLabel("Reason (optional)").fill("Launch day");
  await page.getByRole("button", { name: "Extend quota" }).click();
  await expect(page.getByText(/Added 500 requests to each of Tier Mover's 1 key until the quota resets/)).toBeVisible();
  await expect(page.getByTestId("quota-extensions")).toContainText("+500 requests per key");
  await expect(page.getByTestId("quota-extensions")).toContainText("Launch day");

  // Change tier: nothing chosen is refused; Enterprise (approval-only) is an admin's override.
  await page.getByRole("button", { name: "Move" }).click();
  await expect(page.getByText("Choose a tier.")).toBeVisible();
  await page.getByLabel("New tier").selectOption({ label: "Enterprise (approval)" });
  await page.getByRole("button", { name: "Move" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Move Tier Mover to Enterprise?" });
  await expect(dialog).toContainText("from the Basic usage plan");
  await dialog.getByRole("button", { name: "Move customer" }).click();
  await expect(page.getByText("Tier Mover is now on Enterprise.")).toBeVisible();
  await expect(page.getByTestId("customer-tier")).toContainText("Enterprise");
  await expect(page.getByText("This tier has no quota, so there is nothing to extend.")).toBeVisible();
  await expect(page.getByTestId("admin-operation-row").filter({ hasText: "move tier" })).toContainText("succeeded");

  // The list filters by tier and status.
  await page.goto(`/admin/customers?${new URLSearchParams({ q: customer.email })}`);
  await page.getByLabel("Tier").selectOption({ label: "Basic" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No customers match")).toBeVisible();
  await page.getByLabel("Tier").selectOption({ label: "Enterprise" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("customer-row")).toHaveCount(1);
  await page.getByLabel("Status").selectOption({ label: "Suspended" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("customer-row")).toHaveCount(0);
  await admin.close();
});

test("an admin deletes a customer only after typing its name; the keys go with it", async ({ browser }) => {
  const customer = await freshCustomer(browser, "Delete Me Ltd");
  const admin = await browser.newContext({ storageState: storageState("admin") });
  const page = await admin.newPage();
  await openCustomer(page, customer.email, "Delete Me Ltd");
  await page.getByRole("button", { name: "Delete customer" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Delete Delete Me Ltd?" });
  await dialog.getByLabel("Type Delete Me Ltd to confirm").fill("Delete Me");
  await dialog.getByRole("button", { name: "Delete customer" }).click();
  await expect(dialog.getByText("Type Delete Me Ltd exactly to confirm.")).toBeVisible();
  await dialog.getByLabel("Type Delete Me Ltd to confirm").fill("Delete Me Ltd");
  await dialog.getByRole("button", { name: "Delete customer" }).click();
  await expect(page).toHaveURL(/\/admin\/customers$/);
  await expect(page.getByText(/Delete Me Ltd was deleted/)).toBeVisible();

  await customer.page.goto("/dashboard");
  await expect(customer.page).toHaveURL(/\/sign-in/);
  await page.goto(`/admin/customers?${new URLSearchParams({ q: customer.email })}`);
  await expect(page.getByTestId("customer-row")).toHaveCount(0);
  await page.goto("/admin/customers/not-a-customer-id");
  await expect(page.getByRole("heading", { name: /not found/i })).toBeVisible();
  await admin.close();
  await customer.context.close();
});

test("the customer pages fit a phone (and screenshots at 1280 and 390 px, light and dark, with SHOTS_DIR)", async ({ browser }) => {
  test.setTimeout(120_000);
  const customer = await freshCustomer(browser, "Screenshot Customer");
  await customer.context.close();
  const admin = await browser.newContext({ storageState: storageState("admin") });
  const page = await admin.newPage();
  await openCustomer(page, customer.email, "Screenshot Customer");
  const detail = new URL(page.url()).pathname;
  await admin.close();
  await shootPage(browser, storageState("admin"), "/admin/customers", "admin-customers");
  await shootPage(browser, storageState("admin"), detail, "admin-customer-detail");
});
