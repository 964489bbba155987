import { randomUUID } from "node:crypto";
import { APIGatewayClient, GetApiKeysCommand, GetUsagePlansCommand } from "@aws-sdk/client-api-gateway";
import { expect, test, type Page } from "@playwright/test";
import { storageState, uniqueEmail } from "../support/accounts";
import { shootPage, shotsTest } from "../support/shots";
import { signUp } from "../support/sign-up";

// Billing staff read the period report. A fresh Basic customer (1,000 requests a day, 50¢ per 1,000 over) makes real
// gateway requests; today's count is then raised past the quota with local AWS's usage backfill (local-only, as the
// customer usage spec does) and read back through the customer's own "Refresh now" (GetUsage), so the report shows
// it over quota with an overage amount. Everything else is the demo seed's customers, which signed up today.

const name = `Overage ${randomUUID().slice(0, 6)}`;
const today = new Date().toISOString().slice(0, 10);
const thisMonth = today.slice(0, 7);
const monthName = new Date(`${today}T00:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

function awsAt(origin: string) {
  return new APIGatewayClient({ region: "us-east-1", endpoint: origin, credentials: { accessKeyId: "e2e", secretAccessKey: "e2e" }, maxAttempts: 1 });
}

async function customerOverQuota(page: Page) {
  await signUp(page, { name, email: uniqueEmail("overage") });
  await page.getByLabel("Key name").fill("metered");
  await page.getByRole("button", { name: "Create key" }).click();
  const created = page.getByTestId("new-key");
  await expect(created).toContainText("Key “metered” created");
  const value = (await created.locator("pre code").first().textContent())?.trim() ?? "";
  const url = ((await created.locator("pre code").nth(1).textContent())?.trim() ?? "").split(" ").at(-1) ?? "";
  for (let i = 0; i < 3; i++) expect((await page.request.get(url, { headers: { "x-api-key": value } })).status()).toBe(200);
  const origin = new URL(url).origin;
  const aws = awsAt(origin);
  const keys = await aws.send(new GetApiKeysCommand({ includeValues: true, limit: 500 }));
  const keyId = keys.items?.find((k) => k.value === value)?.id ?? "";
  const usagePlanId = (await aws.send(new GetUsagePlansCommand({ keyId }))).items?.[0]?.id ?? "";
  expect(keyId && usagePlanId).toBeTruthy();
  const backfill = await page.request.post(`${origin}/_localaws/usage/backfill`, { data: { usagePlanId, keyId, days: [{ date: today, used: 1200 }] } });
  expect(backfill.ok()).toBe(true);
  // The customer's usage page reads GetUsage into the stored days the report sums.
  await expect(async () => {
    await page.goto("/dashboard/usage");
    await expect(page.getByTestId("usage-today")).toHaveText("1,200", { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
}

test("billing staff open the report, change the month, sort, filter and open a customer's drill-down", async ({ browser }) => {
  test.setTimeout(120_000);
  const customer = await browser.newContext();
  await customerOverQuota(await customer.newPage());
  await customer.close();

  const context = await browser.newContext({ storageState: storageState("billing") });
  const page = await context.newPage();
  await page.goto("/billing");
  await expect(page.getByRole("heading", { name: "Period report", level: 1 })).toBeVisible();
  await expect(page.getByText(`Usage and amounts for ${monthName}`)).toBeVisible();
  await expect(page.getByRole("link", { name: "Period report" })).toHaveAttribute("aria-current", "page");

  // Over quota: the new customer, at 120% of its pooled daily quota.
  const over = page.getByTestId("watch-over-quota");
  await expect(over.getByRole("link", { name })).toBeVisible();
  await expect(over.locator("li").filter({ hasText: name })).toContainText("120%");

  // Search by name: one row, with its figures and amount (200 over at 50¢ per 1,000 = 10¢, Basic is free).
  await page.getByLabel("Customer name").fill(name);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(name).replace(/%20/g, "\\+")}`));
  const rows = page.getByTestId("report-row");
  await expect(rows).toHaveCount(1);
  const cells = rows.first().locator("td");
  await expect(rows.first().getByRole("rowheader")).toContainText(name);
  await expect(cells.nth(0)).toHaveText("Basic");
  await expect(cells.nth(1)).toHaveText("1,200");
  await expect(cells.nth(2)).toHaveText("1,000 / day");
  await expect(cells.nth(3)).toHaveText("120%");
  await expect(cells.nth(4)).toHaveText("1");
  await expect(cells.nth(5)).toHaveText("200");
  await expect(cells.nth(8)).toHaveText("$0.10");
  await expect(page.getByTestId("report-totals")).toContainText("Total (1 customer)");

  // Filter by tier (search cleared): only Enterprise customers, Tony Stark of the demo seed among them.
  await page.getByLabel("Customer name").fill("");
  await page.getByLabel("Tier", { exact: true }).selectOption({ label: "Enterprise" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(rows.filter({ hasText: "Tony Stark" })).toHaveCount(1);
  for (const row of await rows.all()) await expect(row.locator("td").first()).toContainText("Enterprise");
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page.getByLabel("Tier", { exact: true })).toHaveValue("");

  // Sort: by name ascending through the header link (the URL keeps it), then by amount, highest first.
  await page.getByRole("link", { name: "Customer", exact: true }).click();
  await expect(page).toHaveURL(/sort=name&dir=asc/);
  await expect(page.getByRole("columnheader", { name: "Customer", exact: true })).toHaveAttribute("aria-sort", "ascending");
  const names = await rows.getByRole("rowheader").getByRole("link").allTextContents();
  expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  await page.getByRole("link", { name: "Amount", exact: true }).click();
  await expect(page).toHaveURL(/sort=amount&dir=desc/);
  await expect(page.getByRole("columnheader", { name: "Amount", exact: true })).toHaveAttribute("aria-sort", "descending");
  const amounts = (await rows.locator("td:last-child").allTextContents()).map((t) => Number(t.replace(/[$,]/g, "")));
  expect(amounts).toEqual([...amounts].sort((a, b) => b - a));

  // Drill-down: tier span, the daily figures, per-key breakdown, amount breakdown and the invoice preview link.
  await page.goto(`/billing?${new URLSearchParams({ q: name })}`);
  await rows.first().getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/billing/report/[^/?]+\\?month=${thisMonth}`));
  await expect(page.getByTestId("span-row")).toHaveCount(1);
  await expect(page.getByTestId("span-row").first()).toContainText("Basic");
  await expect(page.getByTestId("key-row").filter({ hasText: "metered" })).toContainText("1,200");
  await expect(page.getByTestId("amount-row").filter({ hasText: "Basic overage" })).toContainText("$0.10");
  await expect(page.getByTestId("amount-total")).toHaveText("$0.10");
  await page.getByText("Show the days as a table").click();
  await expect(page.getByTestId("day-row").filter({ hasText: "1,200 of 1,000" })).toHaveCount(1);
  // The chart loads lazily once near the viewport (it may already have drawn).
  const placeholder = page.getByTestId("period-chart-placeholder");
  if ((await placeholder.count()) > 0) await placeholder.scrollIntoViewIfNeeded({ timeout: 5_000 }).catch(() => undefined);
  await expect(page.getByTestId("period-chart")).toBeVisible();
  const invoice = await page.getByRole("link", { name: "Invoice preview" }).getAttribute("href");
  expect(invoice).toMatch(new RegExp(`^/billing/report/[^/?]+/invoice\\?from=${thisMonth}-01&to=${thisMonth}-\\d\\d$`));

  // Change the month: the month before has none of today's new customers; a chosen month reads by its name.
  await page.getByRole("link", { name: "Period report" }).first().click();
  await page.getByRole("link", { name: /^Previous month/ }).click();
  await expect(page).not.toHaveURL(new RegExp(`month=${thisMonth}`));
  const previous = new Date(Date.UTC(Number(thisMonth.slice(0, 4)), Number(thisMonth.slice(5, 7)) - 2, 1));
  await expect(page.getByText(`Usage and amounts for ${previous.toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" })}`)).toBeVisible();
  await expect(page.getByTestId("report-row").filter({ hasText: name })).toHaveCount(0); // signed up this month
  await page.getByLabel("Month", { exact: true }).fill("2025-03");
  await page.getByRole("button", { name: "Show month" }).click();
  await expect(page.getByText("Usage and amounts for March 2025")).toBeVisible();
  await context.close();
});

test("a bad range shows a clear message, never an error page", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageState("billing") });
  const page = await context.newPage();
  await page.goto("/billing");
  await page.getByLabel("From", { exact: true }).fill("2026-03-10");
  await page.getByLabel("To", { exact: true }).fill("2026-03-01");
  await page.getByRole("button", { name: "Show range" }).click();
  await expect(page.getByTestId("range-error")).toContainText("To must be on or after From.");
  await expect(page.getByLabel("To", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("report-row")).toHaveCount(0);

  for (const [query, message] of [
    ["month=2026-13", "Month is not a real month."],
    ["from=2024-01-01&to=2025-06-01", "A range can be at most 366 days."],
    ["from=2025-02-30&to=2025-03-01", "From is not a real date."],
    ["from=2025-03-01", "Give both From and To, or choose a month."],
  ] as const) {
    const response = await page.goto(`/billing?${query}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId("range-error")).toContainText(message);
  }
  const drill = await page.goto("/billing/report/no-such-customer?month=2026-13");
  expect(drill?.status()).toBe(200);
  await expect(page.getByTestId("range-error")).toContainText("Month is not a real month.");
  expect((await page.goto("/billing/report/no-such-customer"))?.status()).toBe(404);
  await context.close();
});

shotsTest("period report screenshots (light and dark, wide and phone)", async ({ browser }) => {
  test.setTimeout(180_000);
  await shootPage(browser, storageState("billing"), "/billing", "billing-report");
  const context = await browser.newContext({ storageState: storageState("billing") });
  const page = await context.newPage();
  // A demo customer (a failed test restarts the worker, so this test cannot count on the first test's customer).
  await page.goto(`/billing?${new URLSearchParams({ q: "Tony Stark" })}`);
  const href = (await page.getByTestId("report-row").first().getByRole("link").first().getAttribute("href")) ?? "/billing";
  await context.close();
  await shootPage(browser, storageState("billing"), href, "billing-report-customer");
});
