import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { uniqueEmail } from "../support/accounts";
import { keyWithUsage, refreshUsageNow } from "../support/quota";
import { shootPage } from "../support/shots";
import { signUp } from "../support/sign-up";

// A fresh Basic customer (1,000 requests a day, pooled over all its keys) reaches 80% and then 100% of its quota:
// real requests and real GetUsage behind "Refresh now", which records the crossing and e-mails it. The banner then
// shows on every dashboard page, and the alert e-mails arrive in the file transport's outbox.

// The e2e server runs with the file mail transport and its default directory.
const OUTBOX = join(process.cwd(), ".data", "mail", "outbox.jsonl");

function mailsTo(email: string): { subject: string; text: string; html?: string }[] {
  if (!existsSync(OUTBOX)) return [];
  return readFileSync(OUTBOX, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { to: string; subject: string; text: string; html?: string })
    .filter((m) => m.to === email);
}

const PAGES = ["/dashboard", "/dashboard/usage", "/dashboard/tier", "/dashboard/docs", "/dashboard/account"];

async function bannerOn(page: Page, path: string) {
  await page.goto(path);
  const banner = page.getByTestId("quota-alert-banner");
  await expect(banner).toBeVisible();
  return banner;
}

test("the pooled quota's 80% and 100% alerts: a banner on every dashboard page and one e-mail per threshold", async ({ browser, page, request }) => {
  test.setTimeout(180_000);
  const email = uniqueEmail("quota-alert");
  await signUp(page, { name: "Alert Tester", email });
  const key = await keyWithUsage(page, request, "alerts e2e");

  // Below 80%: no banner anywhere, no e-mail.
  await refreshUsageNow(page);
  for (const path of ["/dashboard", "/dashboard/tier"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByTestId("quota-alert-banner")).toHaveCount(0);
  }

  // 850 of 1,000: a polite warning on every page, with the figures and the two ways out.
  await key.setUsedToday(850);
  await refreshUsageNow(page);
  for (const path of PAGES) {
    const banner = await bannerOn(page, path);
    await expect(banner).toHaveAttribute("role", "status");
    await expect(banner).toContainText("You have used 85% of your daily quota");
    await expect(banner).toContainText("850 of 1,000 requests this period, across all of its keys");
    await expect(banner.getByRole("link", { name: "See usage" })).toHaveAttribute("href", "/dashboard/usage");
    await expect(banner.getByRole("link", { name: "Change tier" })).toHaveAttribute("href", "/dashboard/tier");
  }
  await expect.poll(() => mailsTo(email).map((m) => m.subject)).toEqual(["You have used 80% of your daily Gatehouse quota"]);
  const warning = mailsTo(email)[0];
  expect(warning?.text).toContain("850 of 1,000 requests, counted across all of your API keys");
  expect(warning?.text).toMatch(/See your usage: http\S+\/dashboard\/usage/);
  expect(warning?.html).toContain('/dashboard/tier">Move to a tier with a higher quota</a>');

  // The banner is reachable by keyboard: its links take the focus in order.
  await page.goto("/dashboard/tier");
  const usageLink = page.getByTestId("quota-alert-banner").getByRole("link", { name: "See usage" });
  await usageLink.focus();
  await expect(usageLink).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dashboard\/usage$/);

  if (process.env.SHOTS_DIR) {
    const state = test.info().outputPath("customer-state.json");
    await page.context().storageState({ path: state });
    await shootPage(browser, state, "/dashboard", "quota-alert-80");
  }

  // The whole quota: an alert (announced at once) that says requests are refused until the reset.
  await key.setUsedToday(1000);
  await refreshUsageNow(page);
  for (const path of PAGES) {
    const banner = await bannerOn(page, path);
    await expect(banner).toHaveAttribute("role", "alert");
    await expect(banner).toContainText(/Your daily quota is used up: requests are refused until 00:00 UTC tomorrow/);
    await expect(banner).toContainText("1,000 of 1,000 requests");
    await expect(banner.getByRole("link", { name: "Move to a tier with a higher quota" })).toHaveAttribute("href", "/dashboard/tier");
  }
  await expect
    .poll(() => mailsTo(email).map((m) => m.subject))
    .toEqual(["You have used 80% of your daily Gatehouse quota", "You have used your whole daily Gatehouse quota"]);
  expect(mailsTo(email)[1]?.text).toContain("Until the quota resets at 00:00 UTC on");

  // Another refresh in the same period sends nothing more.
  await refreshUsageNow(page);
  await page.goto("/dashboard");
  expect(mailsTo(email)).toHaveLength(2);

  if (process.env.SHOTS_DIR) {
    const state = test.info().outputPath("customer-state.json");
    await page.context().storageState({ path: state });
    await shootPage(browser, state, "/dashboard/usage", "quota-alert-100");
  }
});
