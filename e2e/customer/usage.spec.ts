import { APIGatewayClient, GetApiKeysCommand, GetUsagePlansCommand } from "@aws-sdk/client-api-gateway";
import { expect, test, type Page } from "@playwright/test";
import { uniqueEmail } from "../support/accounts";
import { createKeyOnDashboard, keyAction } from "../support/keys";
import { screenshot } from "../support/shots";
import { signUp } from "../support/sign-up";

// A fresh Basic customer (1,000 requests a day per key, 10 req/s) calls the gateway with a new key and watches the
// usage page follow: real data-plane requests, real GetUsage behind "Refresh now". To reach 80% and 100% without
// 800 paced requests, the test writes the key's earlier requests today with local AWS's usage backfill (GetUsage then
// reports them, and the data plane enforces them). The quota is the account's, shared by its keys (lib/quota).

function awsAt(origin: string) {
  return new APIGatewayClient({ region: "us-east-1", endpoint: origin, credentials: { accessKeyId: "e2e", secretAccessKey: "e2e" }, maxAttempts: 1 });
}

/** The chart loads lazily, once its place is near the viewport: scroll to it and wait for recharts to draw it. */
async function showChart(page: Page) {
  const placeholder = page.getByTestId("usage-chart-placeholder");
  if ((await placeholder.count()) > 0) await placeholder.scrollIntoViewIfNeeded({ timeout: 5_000 }).catch(() => undefined);
  await expect(page.getByRole("application", { name: "Requests per day, last 30 days" })).toBeVisible();
}

async function refreshNow(page: Page) {
  const button = page.getByRole("button", { name: "Refresh now" });
  // Refreshes are at most one per 5 s per customer; the button says so by being disabled until then.
  await expect(button).toBeEnabled({ timeout: 15_000 });
  await button.click();
  // "just now" means figures under 5 s old: newer than those shown before the click (which were at least 5 s old).
  await expect(page.getByTestId("usage-age")).toHaveText("Updated just now");
}

test("usage follows real requests: today's count, the 30-day chart, 80% and 100% banners", async ({ page, request }) => {
  test.setTimeout(150_000);
  await signUp(page, { name: "Usage Tester", email: uniqueEmail("usage") });
  await page.getByLabel("Key name").fill("usage e2e");
  await page.getByRole("button", { name: "Create key" }).click();
  const created = page.getByTestId("new-key");
  await expect(created).toContainText("Key “usage e2e” created");
  const value = (await created.locator("pre code").first().textContent())?.trim() ?? "";
  const curl = (await created.locator("pre code").nth(1).textContent())?.trim() ?? "";
  const url = curl.split(" ").at(-1) ?? "";
  expect(url).toMatch(/\/_user_request_\/pets$/);
  // The sign-up's own "Default key" is provisioned in the background; wait for it so the page has two live keys.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("key-row").filter({ hasText: "Default key" })).toContainText("Active", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  for (let i = 0; i < 5; i++) expect((await request.get(url, { headers: { "x-api-key": value } })).status()).toBe(200);

  // First visit: unless the worker's usage refresh read this customer's usage before the requests, the cache was never
  // filled: the page only reads (it shows no figures yet); its refresh control then calls the refresh action, which
  // reads GetUsage, and the figures follow. If the worker got there first, the page shows that reading with its age,
  // and "Refresh now" brings it up to date.
  await page.goto("/dashboard/usage");
  await expect(page.getByRole("heading", { name: "Usage", exact: true })).toBeVisible();
  const row = page.getByTestId("key-usage-row").filter({ hasText: "usage e2e" });
  await expect(async () => {
    const shown = await row.getByRole("cell").first().textContent({ timeout: 5000 }).catch(() => null);
    if (shown !== "5") await refreshNow(page);
    await expect(row.getByRole("cell").first()).toHaveText("5", { timeout: 5000 });
  }).toPass({ timeout: 45_000 });
  await expect(page.getByTestId("usage-today")).toHaveText("5"); // the sign-up's default key has made no requests
  await expect(page.getByTestId("usage-throttle")).toHaveText("10 req/s");
  await expect(page.getByTestId("usage-age")).toContainText(/Updated (just now|\d+ s ago)/);

  // The chart draws today's bar.
  await showChart(page);
  const chart = page.getByRole("figure").filter({ has: page.getByRole("application", { name: "Requests per day, last 30 days" }) });
  const svg = chart.getByRole("application", { name: "Requests per day, last 30 days" });
  await expect(svg).toBeVisible();
  await expect(chart.locator(".recharts-bar-rectangle path")).not.toHaveCount(0);

  // More requests, then "Refresh now": today's count follows.
  for (let i = 0; i < 3; i++) expect((await request.get(url, { headers: { "x-api-key": value } })).status()).toBe(200);
  await refreshNow(page);
  await expect(page.getByTestId("usage-today")).toHaveText("8");
  await expect(row.getByRole("cell").first()).toHaveText("8");

  // Find the key and its plan in AWS (by value), then bring it to 85% of its daily quota.
  const origin = new URL(url).origin;
  const aws = awsAt(origin);
  const keys = await aws.send(new GetApiKeysCommand({ includeValues: true, limit: 500 }));
  const awsKeyId = keys.items?.find((k) => k.value === value)?.id ?? "";
  const plans = await aws.send(new GetUsagePlansCommand({ keyId: awsKeyId }));
  const usagePlanId = plans.items?.[0]?.id ?? "";
  expect(awsKeyId && usagePlanId).toBeTruthy();
  const today = new Date().toISOString().slice(0, 10);
  expect((await request.post(`${origin}/_localaws/usage/backfill`, { data: { usagePlanId, keyId: awsKeyId, days: [{ date: today, used: 850 }] } })).ok()).toBe(true);

  // History for the chart: local AWS's usage backfill (local-only) writes earlier days, which GetUsage then reports.
  const history = Array.from({ length: 29 }, (_, i) => {
    const day = new Date(Date.now() - (29 - i) * 86_400_000).toISOString().slice(0, 10);
    return { date: day, used: 300 + ((i * 97) % 500) };
  });
  const backfill = await request.post(`${origin}/_localaws/usage/backfill`, { data: { usagePlanId, keyId: awsKeyId, days: history } });
  expect(backfill.ok()).toBe(true);

  await refreshNow(page);
  // The account's banner (pooled over all keys), on this page as on every dashboard page.
  const warning = page.getByRole("status").filter({ hasText: "You have used 85% of your daily quota" });
  await expect(warning).toContainText("Your account has made 850 of 1,000 requests this period, across all of its keys.");
  await expect(page.getByTestId("usage-pooled-quota")).toContainText("850 of 1,000 requests used this period across all your keys");
  await expect(page.getByRole("progressbar", { name: "Quota used by key usage e2e" }).first()).toHaveAttribute("aria-valuenow", "85");
  await expect(page.getByTestId("usage-today")).toHaveText("850");
  await expect(page.getByTestId("usage-forecast")).toContainText(/^At the current rate key “usage e2e” (will reach its quota around \d\d:\d\d UTC|is not on track)/);
  await expect(chart.locator(".recharts-bar-rectangle path")).toHaveCount(30);

  // The chart's selector is a keyboard-reachable <select>; picking the key redraws it for that key alone.
  const selector = page.getByLabel("Show", { exact: true });
  await selector.focus();
  await expect(selector).toBeFocused();
  // Series are named by key name and last four characters, so two keys of the same name are told apart.
  const option = (await selector.locator("option", { hasText: "usage e2e" }).textContent()) ?? "";
  expect(option).toMatch(/^usage e2e ••••\w{4}$/);
  await selector.selectOption({ label: option });
  await expect(chart.locator("figcaption")).toContainText("for key “usage e2e ••••");
  await expect(chart.locator(".recharts-reference-line")).toHaveCount(1); // the daily quota line

  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, "usage/usage-85-wide", { fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(svg).toBeVisible();
  const narrow = await svg.boundingBox();
  expect(narrow?.width ?? 0).toBeLessThanOrEqual(390);
  expect(narrow?.width ?? 0).toBeGreaterThan(250);
  await screenshot(page, "usage/usage-85-narrow", { fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // 100%: the gateway refuses the key with 429 Limit Exceeded, and the page says so and when it ends.
  expect((await request.post(`${origin}/_localaws/usage/backfill`, { data: { usagePlanId, keyId: awsKeyId, days: [{ date: today, used: 1000 }] } })).ok()).toBe(true);
  const refused = await request.get(url, { headers: { "x-api-key": value } });
  expect(refused.status()).toBe(429);
  expect(await refused.json()).toEqual({ message: "Limit Exceeded" });
  await refreshNow(page);
  const error = page.getByRole("alert").filter({ hasText: "Your daily quota is used up" });
  await expect(error).toContainText("requests are refused until 00:00 UTC tomorrow");
  await expect(error).toContainText("Every call gets HTTP 429 until the quota resets.");
  await expect(error.getByRole("link", { name: "Move to a tier with a higher quota" })).toHaveAttribute("href", "/dashboard/tier");
  await expect(page.getByTestId("usage-remaining")).toHaveText("0");
  await screenshot(page, "usage/usage-100-wide", { fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "usage/usage-100-narrow", { fullPage: true });

  // AWS failing (local AWS fault injection: GetUsage answers 503, slowly): the button shows it is working, then says
  // what went wrong, and the figures already shown stay.
  const faults = `${origin}/_localaws/faults`;
  expect((await request.post(faults, { data: { rules: [{ operation: "GetUsage", errorRate: 1, kind: "5xx", latencyMs: 400 }] } })).ok()).toBe(true);
  try {
    const button = page.getByRole("button", { name: "Refresh now" });
    await expect(button).toBeEnabled({ timeout: 15_000 });
    await button.click();
    await expect(page.getByRole("button", { name: "Refreshing…" })).toBeDisabled();
    const failure = page.getByRole("alert").filter({ hasText: "AWS is not reachable right now" });
    await expect(failure).toContainText(/^Updating your usage from AWS: AWS is not reachable right now\..* The figures below are still those from \d+ s ago\.$/);
    await expect(page.getByTestId("usage-today")).toHaveText("1,000");
    await expect(page.getByTestId("usage-remaining")).toHaveText("0");
  } finally {
    await request.delete(faults);
  }
});

test("an Enterprise customer (no quota) sees usage and throttle without quota bars", async ({ page, request }) => {
  // The demo seed's Enterprise customer, signed in fresh: revealing a key needs a recent sign-in.
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill("tony@stark.example");
  await page.getByLabel("Password").fill("gatehouse-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText("tony@stark.example");
  await page.goto("/dashboard");
  await keyAction(page, "jarvis", "Reveal key");
  const revealed = page.getByTestId("revealed-key");
  const value = (await revealed.locator("pre code").first().textContent())?.trim() ?? "";
  const url = (await revealed.locator("pre code").nth(1).textContent())?.trim().split(" ").at(-1) ?? "";
  for (let i = 0; i < 4; i++) expect((await request.get(url, { headers: { "x-api-key": value } })).status()).toBe(200);

  // The background worker may have cached this customer's usage already: ask for fresh figures.
  await page.goto("/dashboard/usage");
  await page.getByRole("button", { name: "Refresh now" }).click();
  await expect(page.getByTestId("usage-today")).toHaveText("4");
  await expect(page.getByTestId("usage-30-days")).toHaveText("4");
  await expect(page.getByText("The Enterprise tier has no quota: only the throttle limits apply.")).toBeVisible();
  await expect(page.getByTestId("usage-throttle")).toHaveText("1,000 req/s");
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  await expect(page.getByTestId("quota-alert-banner")).toHaveCount(0);
  await expect(page.getByTestId("usage-forecast")).toHaveCount(0);
  await showChart(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, "usage/usage-enterprise-wide", { fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "usage/usage-enterprise-narrow", { fullPage: true });
});

test("after a move to Premium the figures agree and the page says why; the chart loads lazily", async ({ page, request }) => {
  test.setTimeout(120_000);
  await signUp(page, { name: "Mover", email: uniqueEmail("mover"), tier: "Basic" });
  const { value, url } = await createKeyOnDashboard(page, "mover key");
  // The sign-up's own "Default key" is provisioned in the background: wait for it, so both keys move together.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("key-row").filter({ hasText: "Default key" })).toContainText("Active", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  for (let i = 0; i < 3; i++) expect((await request.get(url, { headers: { "x-api-key": value } })).status()).toBe(200);

  await page.goto("/dashboard/tier");
  await page.getByRole("button", { name: "Choose Premium" }).click();
  await page.getByLabel("I accept the new price of Premium").check();
  await page.getByRole("button", { name: "Switch to Premium" }).click();
  await expect(page.getByText("You are now on the Premium tier.")).toBeVisible();
  expect((await request.get(url, { headers: { "x-api-key": value } })).status()).toBe(200);

  // A short window: the chart's place is below the fold, so recharts is not loaded with the page.
  await page.setViewportSize({ width: 1280, height: 600 });
  const html = await (await page.request.get("/dashboard/usage")).text();
  expect(html).toContain('data-testid="usage-chart-placeholder"');
  expect(html).not.toContain("recharts-surface");
  await page.goto("/dashboard/usage");
  await refreshNow(page);

  const time = "\\d\\d:\\d\\d UTC";
  await expect(page.getByTestId("usage-today")).toHaveText("4");
  await expect(page.getByTestId("usage-today-split")).toHaveText(new RegExp(`^3 on Basic before you moved to Premium at ${time}, 1 on Premium$`));
  // The account's one quota carries the period's requests across the move: all 4 count against Premium's 10,000.
  await expect(page.getByTestId("usage-period")).toHaveText("4 / 10,000");
  const note = page.getByTestId("tier-move-note");
  await expect(note).toContainText(new RegExp(`You moved from Basic to Premium at ${time} today`));
  await expect(note).toContainText(new RegExp(`Requests today: 4 \\(3 on Basic before you moved to Premium at ${time}, 1 on Premium\\)\\.`));
  await expect(note).toContainText("Your Premium quota counts every request of the period, before and after the move, from all your keys: 4 / 10,000.");
  await expect(note).toContainText("requests made before a tier move still count against it");
  const row = page.getByTestId("key-usage-row").filter({ hasText: "mover key" });
  await expect(row.getByRole("cell").first()).toHaveText(/^4\s*3 Basic \+ 1 Premium$/);
  await expect(row).toContainText("1 of 10,000");

  // The chart: a placeholder until scrolled to, then recharts draws it.
  await expect(page.getByTestId("usage-chart-placeholder")).toBeAttached();
  await expect(page.locator(".recharts-surface")).toHaveCount(0);
  await showChart(page);
  await expect(page.getByTestId("usage-chart-placeholder")).toHaveCount(0);
  await expect(page.getByTestId("usage-chart").locator(".recharts-bar-rectangle path")).not.toHaveCount(0);
});
