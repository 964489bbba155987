import { APIGatewayClient, GetApiKeysCommand, GetUsagePlansCommand } from "@aws-sdk/client-api-gateway";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { createKeyOnDashboard } from "./keys";

/** A key's AWS id and usage plan, found by its value in the local AWS the portal uses. */
export async function awsKeyOf(awsEndpoint: string, value: string) {
  const aws = new APIGatewayClient({ region: "us-east-1", endpoint: awsEndpoint, credentials: { accessKeyId: "e2e", secretAccessKey: "e2e" }, maxAttempts: 1 });
  const keys = await aws.send(new GetApiKeysCommand({ includeValues: true, limit: 500 }));
  const keyId = keys.items?.find((k) => k.value === value)?.id ?? "";
  const plans = await aws.send(new GetUsagePlansCommand({ keyId }));
  const usagePlanId = plans.items?.[0]?.id ?? "";
  expect(keyId && usagePlanId).toBeTruthy();
  return { keyId, usagePlanId };
}

/**
 * A key for the signed-in customer that has made a few real requests, and a way to set its count of requests today
 * in AWS: local AWS's usage backfill (a local-only endpoint) sets the day's count, which GetUsage then reports, so a
 * test reaches 80% or 100% of a 1,000-a-day quota without a thousand paced requests.
 */
export async function keyWithUsage(page: Page, request: APIRequestContext, name: string) {
  await page.goto("/dashboard");
  const { value, url, awsEndpoint } = await createKeyOnDashboard(page, name);
  for (let i = 0; i < 3; i++) expect((await request.get(url, { headers: { "x-api-key": value } })).status()).toBe(200);
  const { keyId, usagePlanId } = await awsKeyOf(awsEndpoint, value);
  return {
    async setUsedToday(used: number) {
      const date = new Date().toISOString().slice(0, 10);
      const res = await request.post(`${awsEndpoint}/_localaws/usage/backfill`, { data: { usagePlanId, keyId, days: [{ date, used }] } });
      expect(res.ok()).toBe(true);
    },
  };
}

/** "Refresh now" on the usage page: reads GetUsage, and evaluates the quota alerts. */
export async function refreshUsageNow(page: Page) {
  await page.goto("/dashboard/usage");
  const button = page.getByRole("button", { name: "Refresh now" });
  // Refreshes are at most one per 5 s per customer; the button says so by being disabled until then.
  await expect(button).toBeEnabled({ timeout: 15_000 });
  await button.click();
  await expect(page.getByTestId("usage-age")).toHaveText("Updated just now");
}
