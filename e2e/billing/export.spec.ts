import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { APIGatewayClient, GetApiKeysCommand, GetUsagePlansCommand } from "@aws-sdk/client-api-gateway";
import { parse } from "csv-parse/sync";
import { expect, test, type Download, type Page } from "@playwright/test";
import { storageState, uniqueEmail } from "../support/accounts";
import { expectFitsPhone, shootPage, shotsTest } from "../support/shots";
import { signUp } from "../support/sign-up";

// Billing staff download the period report and daily usage as CSV from the report page and the drill-down. A fresh
// customer whose name and company are formulas makes real gateway requests; its count for today is raised with
// local AWS's usage backfill (local-only) and read back through the customer's own "Refresh now" (GetUsage), so the
// stored days the exports read are real. The downloads' contents are checked: neutralised text, numeric amounts,
// the key by id and last four, never its value.

const marker = randomUUID().slice(0, 6);
const name = `=HYPERLINK("http://evil.example","Export ${marker}")`;
const company = `+cmd|' /C calc'!A0`;
const today = new Date().toISOString().slice(0, 10);
const monthStart = `${today.slice(0, 7)}-01`;

async function customerWithUsage(page: Page): Promise<{ keyValue: string }> {
  await signUp(page, { name, company, email: uniqueEmail("export") });
  await page.getByLabel("Key name").fill("@metered");
  await page.getByRole("button", { name: "Create key" }).click();
  const created = page.getByTestId("new-key");
  await expect(created).toContainText("Key “@metered” created");
  const value = (await created.locator("pre code").first().textContent())?.trim() ?? "";
  const url = ((await created.locator("pre code").nth(1).textContent())?.trim() ?? "").split(" ").at(-1) ?? "";
  expect((await page.request.get(url, { headers: { "x-api-key": value } })).status()).toBe(200);
  const origin = new URL(url).origin;
  const aws = new APIGatewayClient({ region: "us-east-1", endpoint: origin, credentials: { accessKeyId: "e2e", secretAccessKey: "e2e" }, maxAttempts: 1 });
  const keyId = (await aws.send(new GetApiKeysCommand({ includeValues: true, limit: 500 }))).items?.find((k) => k.value === value)?.id ?? "";
  const usagePlanId = (await aws.send(new GetUsagePlansCommand({ keyId }))).items?.[0]?.id ?? "";
  expect(keyId && usagePlanId).toBeTruthy();
  const backfill = await page.request.post(`${origin}/_localaws/usage/backfill`, { data: { usagePlanId, keyId, days: [{ date: today, used: 1234 }] } });
  expect(backfill.ok()).toBe(true);
  await expect(async () => {
    await page.goto("/dashboard/usage");
    await expect(page.getByTestId("usage-today")).toHaveText("1,234", { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  return { keyValue: value };
}

async function csvOf(download: Download): Promise<{ text: string; records: Record<string, string>[] }> {
  const path = await download.path();
  const bytes = await readFile(path);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return { text: bytes.toString("utf8"), records: parse(bytes, { bom: true, columns: true }) as Record<string, string>[] };
}

test("billing staff download the period report and daily usage as spreadsheet-safe CSV", async ({ browser }) => {
  test.setTimeout(150_000);
  const customerContext = await browser.newContext();
  const { keyValue } = await customerWithUsage(await customerContext.newPage());

  const context = await browser.newContext({ storageState: storageState("billing") });
  const page = await context.newPage();
  await page.goto(`/billing?${new URLSearchParams({ q: `Export ${marker}` })}`);
  await expect(page.getByRole("heading", { name: "Period report", level: 1 })).toBeVisible();

  // The report, as filtered on the page: one row, the hostile cells neutralised, amounts as plain decimals.
  const reportLink = page.getByRole("link", { name: "Export report (CSV)" });
  expect(await reportLink.getAttribute("href")).toContain(`q=Export+${marker}`);
  const [reportDownload] = await Promise.all([page.waitForEvent("download"), reportLink.click()]);
  expect(reportDownload.suggestedFilename()).toMatch(new RegExp(`^billing-report-${monthStart}-to-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const report = await csvOf(reportDownload);
  expect(report.records).toHaveLength(1);
  const row = report.records[0];
  expect(row).toMatchObject({ customer: `'${name}`, company: `'${company}`, status: "active", tier: "Basic", requests: "1234", quota: "1000", quota_period: "day", overage_requests: "234" });
  for (const k of ["tier_price_usd", "overage_usd", "amount_usd"]) expect(row?.[k]).toMatch(/^\d+\.\d{2}$/);
  expect(Number(row?.amount_usd)).toBeGreaterThan(0);

  // Daily usage of the range: the customer's key by id and last four, never its value.
  const [usageDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export daily usage (CSV)" }).click()]);
  expect(usageDownload.suggestedFilename()).toMatch(/^daily-usage-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const usage = await csvOf(usageDownload);
  expect(usage.text).not.toContain(keyValue);
  // GetUsage stores every day of the month for both keys (zeros included); today's row on the metered key has the count.
  const rows = usage.records.filter((r) => r.customer === `'${name}`);
  expect(rows.length).toBeGreaterThan(1);
  const mine = rows.filter((r) => r.requests !== "0");
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({ date: today, company: `'${company}`, key_name: "'@metered", key_last_four: keyValue.slice(-4).replace(/^([=+\-@])/, "'$1"), tier: "Basic", requests: "1234" });
  const customerId = mine[0]?.customer_id ?? "";

  // The drill-down's export: that customer's daily usage only.
  await page.goto(`/billing/report/${customerId}`);
  const drillLink = page.getByRole("link", { name: "Export daily usage (CSV)" });
  expect(await drillLink.getAttribute("href")).toContain(`customerId=${customerId}`);
  const [drillDownload] = await Promise.all([page.waitForEvent("download"), drillLink.click()]);
  expect(drillDownload.suggestedFilename()).toMatch(new RegExp(`^daily-usage-${customerId}-`));
  const drill = await csvOf(drillDownload);
  expect(new Set(drill.records.map((r) => r.customer_id))).toEqual(new Set([customerId]));
  expect(drill.records.length).toBe(rows.length);
  expect(drill.records.filter((r) => r.requests !== "0").map((r) => [r.key_name, r.requests])).toEqual([["'@metered", "1234"]]);
  // The customer's name is one long word: the drill-down's title wraps on a phone instead of widening the page.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Export ${marker}`);
  await expectFitsPhone(page);
  await page.setViewportSize({ width: 1280, height: 900 });

  // A range without data: the header alone. A bad range: a clear 400, no file.
  const empty = await page.request.get("/billing/export/daily-usage.csv?from=2001-01-01&to=2001-01-31");
  expect(empty.status()).toBe(200);
  expect((await empty.text()).replace(/^\uFEFF/, "")).toBe("date,customer_id,customer,company,customer_status,key_name,key_id,key_last_four,usage_plan_id,tier,requests\r\n");
  const bad = await page.request.get("/billing/export/report.csv?from=2026-03-05&to=2026-03-01");
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain("To must be on or after From.");
  await context.close();

  // The customer gets neither file.
  const customerPage = await customerContext.newPage();
  for (const path of ["/billing/export/report.csv", "/billing/export/daily-usage.csv"]) {
    const refused = await customerPage.request.get(path, { maxRedirects: 0 });
    expect(refused.status()).toBe(403);
    expect(refused.headers()["content-type"]).toContain("text/plain");
  }
  await customerContext.close();
});

shotsTest("export buttons screenshots (light and dark, wide and phone)", async ({ browser }) => {
  test.setTimeout(120_000);
  await shootPage(browser, storageState("billing"), "/billing", "billing-export-report");
  const context = await browser.newContext({ storageState: storageState("billing") });
  const page = await context.newPage();
  await page.goto("/billing?sort=name&dir=asc");
  const first = await page.locator('a[href^="/billing/report/"]').first().getAttribute("href");
  await context.close();
  if (first) await shootPage(browser, storageState("billing"), first, "billing-export-drilldown");
});
