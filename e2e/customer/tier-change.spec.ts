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
  // A paid tier: the price difference is shown and must be accepted. Without the tick the server refuses, says why,
  // and nothing moves.
  const priceChange = page.getByTestId("price-change");
  await expect(priceChange).toContainText("Price: from $0 to $49 / month, billed from today, prorated.");
  const accept = page.getByLabel("I accept the new price of Premium");
  await expect(accept).not.toBeChecked();
  await page.getByRole("button", { name: "Switch to Premium" }).click();
  await expect(priceChange).toContainText("Premium costs from $0 to $49 / month, billed from today, prorated. Tick the box to accept the new price, then switch.");
  await expect(accept).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("You are now on the Premium tier.")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("tier-card").filter({ hasText: "Your current tier" })).toContainText("Basic");

  await page.getByRole("button", { name: "Choose Premium" }).click();
  await page.getByLabel("I accept the new price of Premium").check();
  await page.getByRole("button", { name: "Switch to Premium" }).click();
  await expect(page.getByText("You are now on the Premium tier.")).toBeVisible();
  await expect(page.getByTestId("tier-card").filter({ hasText: "Your current tier" })).toContainText("Premium");
  expect((await request.get(url, { headers: { "x-api-key": value } })).status()).toBe(200);

  // Enterprise has a configured price and needs approval: shown the same way here as on the pricing page.
  const enterpriseCard = page.getByTestId("tier-card").filter({ hasText: "Enterprise" });
  await expect(enterpriseCard.getByTestId("tier-price")).toHaveText("From $499 / month");
  await expect(enterpriseCard).toContainText("approval required");
  await page.getByRole("button", { name: "Request Enterprise" }).click();
  await page.getByLabel("Tell us about your needs (optional)").fill("Five million requests a month, please.");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("Your request for Enterprise is waiting for approval.")).toBeVisible();
  // One banner about the request, not two.
  await expect(page.getByRole("status").filter({ hasText: /request for Enterprise/ })).toHaveCount(1);

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

test("one price rule: pricing shows Enterprise's price with 'approval required', billing counts and labels it the same", async ({ page, browser }) => {
  await page.goto("/pricing");
  const cards = page.getByTestId("tier-card");
  await expect(cards.filter({ hasText: "Basic" }).getByTestId("tier-price")).toHaveText("Free");
  await expect(cards.filter({ hasText: "Premium" }).getByTestId("tier-price")).toHaveText("$49 / month");
  const enterprise = cards.filter({ hasText: "Enterprise" });
  await expect(enterprise.getByTestId("tier-price")).toHaveText("From $499 / month");
  await expect(enterprise).toContainText("approval required");
  await expect(cards.getByText("Contact us")).toHaveCount(0);
  // AWS's plan descriptions only restate the quota: the card shows the formatted quota once.
  await expect(page.getByText("Premium tier - 10000 requests/day")).toHaveCount(0);
  await expect(cards.filter({ hasText: "Premium" })).toContainText("10,000 requests / day");

  const billing = await browser.newContext({ storageState: storageState("billing") });
  const billingPage = await billing.newPage();
  await billingPage.goto("/billing");
  const row = billingPage.getByRole("row").filter({ has: billingPage.getByRole("rowheader", { name: "Enterprise" }) });
  await expect(row).toContainText("From $499 / month — approval required");
  await billing.close();
});
