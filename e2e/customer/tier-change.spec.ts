import { expect, test } from "@playwright/test";
import { storageState, uniqueEmail } from "../support/accounts";
import { createKeyOnDashboard } from "../support/keys";
import { signUp } from "../support/sign-up";

test("a customer upgrades to a public tier at once, and gets an approval-only tier after an admin approves", async ({ page, browser, request }) => {
  const name = `Tier Climber ${Date.now()}`;
  await signUp(page, { name, email: uniqueEmail("tier"), tier: "Basic" });
  const { value, url } = await createKeyOnDashboard(page, "climber");

  await page.getByRole("link", { name: "Tier", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Your tier" })).toBeVisible();
  await expect(page.getByText("Quotas are counted per tier")).toBeVisible();
  await page.getByRole("button", { name: "Choose Premium" }).click();
  await expect(page.getByText(/Move your \d keys? from Basic to Premium\?/)).toBeVisible();
  await page.getByRole("button", { name: "Switch to Premium" }).click();
  await expect(page.getByText("You are now on the Premium tier.")).toBeVisible();
  await expect(page.getByText("Your current tier")).toBeVisible();
  expect((await request.get(url, { headers: { "x-api-key": value } })).status()).toBe(200);

  await page.getByRole("button", { name: "Request Enterprise" }).click();
  await page.getByLabel("Tell us about your needs (optional)").fill("Five million requests a month, please.");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("Your request for Enterprise is waiting for approval.")).toBeVisible();

  const admin = await browser.newContext({ storageState: storageState("admin") });
  const adminPage = await admin.newPage();
  await adminPage.goto("/admin/tier-requests");
  const card = adminPage.getByTestId("tier-request").filter({ hasText: name });
  await expect(card).toContainText("Premium → Enterprise");
  await expect(card).toContainText("Five million requests a month, please.");
  await card.getByLabel(`Note to ${name} (optional)`).fill("Welcome to Enterprise");
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(adminPage.getByText(`${name} is now on Enterprise.`)).toBeVisible();
  await admin.close();

  await page.reload();
  await expect(page.getByText("Your request for Enterprise was approved.")).toBeVisible();
  await expect(page.getByText("Note from the administrator: Welcome to Enterprise")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.getByTestId("current-tier")).toHaveText("Enterprise");
  expect((await request.get(url, { headers: { "x-api-key": value } })).status()).toBe(200);
});

test("a customer cannot reach the admin's tier requests", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageState("customer") });
  const page = await context.newPage();
  expect((await page.goto("/admin/tier-requests"))?.status()).toBe(403);
  await context.close();
});
