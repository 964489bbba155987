import { expect, test } from "@playwright/test";
import { storageState, uniqueEmail } from "../support/accounts";
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
