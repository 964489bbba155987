import { APIGatewayClient, GetStageCommand, UpdateStageCommand } from "@aws-sdk/client-api-gateway";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { storageState, uniqueEmail } from "../support/accounts";
import { createKeyOnDashboard } from "../support/keys";
import { signUp } from "../support/sign-up";

// The admin overview and per-method view, with metrics from real requests through local AWS's gateway (which
// records AWS/ApiGateway metrics as API Gateway does). Views are cached (for 5 s in these tests:
// GATEHOUSE_METRICS_CACHE_SECONDS in playwright.config.ts), so figures are awaited with reloads, not expected at once.

/** A new customer with a key: its value and the gateway URL of GET /pets. */
async function customerKey(browser: Browser, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, { name, email: uniqueEmail("metrics") });
  const key = await createKeyOnDashboard(page, "metrics e2e");
  return { ...key, page, context };
}

async function sendRequests(request: APIRequestContext, url: string, key: string | null, times: number, status: number) {
  for (let i = 0; i < times; i++) expect((await request.get(url, { headers: key ? { "x-api-key": key } : {} })).status()).toBe(status);
}

async function adminPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: storageState("admin") });
  return context.newPage();
}

test("the overview shows the stage's requests, errors, latency and cache from real traffic, by range", async ({ browser, request }) => {
  test.setTimeout(150_000);
  const customer = await customerKey(browser, "Metrics Overview");
  await sendRequests(request, customer.url, customer.value, 5, 200);
  await sendRequests(request, customer.url, null, 2, 403);
  await sendRequests(request, customer.url.replace(/\/pets$/, "/data"), customer.value, 2, 200);

  const page = await adminPage(browser);
  await page.goto("/admin?range=1h");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByText("gatehouse-demo-api · stage prod · CloudWatch metrics")).toBeVisible();
  await expect(page.getByRole("link", { name: "1h", exact: true })).toHaveAttribute("aria-current", "page");
  // Up to 5 s old: reload until this test's requests are in.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("stat-requests").locator("dd").first()).not.toHaveText("0", { timeout: 1000 });
    await expect(page.getByTestId("stat-4xx").locator("dd").first()).not.toHaveText("—", { timeout: 1000 });
  }).toPass({ timeout: 90_000 });
  await expect(page.getByTestId("stat-latency")).toContainText("p99");
  await expect(page.getByTestId("stat-cache").locator("dd").first()).toHaveText(/%$/);

  // Charts load lazily: scroll to each and see recharts draw it, with a legend.
  for (const name of ["Requests and errors", "Error rates", "Latency", "Stage cache"]) {
    const card = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name, exact: true }) });
    await card.scrollIntoViewIfNeeded();
    await expect(card.getByRole("application", { name })).toBeVisible();
    await expect(card.locator(".recharts-legend-wrapper")).toBeVisible();
  }
  // The tooltip names the period and every series.
  const requestsCard = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "Requests and errors", exact: true }) });
  await requestsCard.scrollIntoViewIfNeeded();
  const box = await requestsCard.getByRole("application").boundingBox();
  if (!box) throw new Error("no chart box");
  await page.mouse.move(box.x + box.width - 20, box.y + box.height / 2);
  await expect(requestsCard.locator(".recharts-tooltip-wrapper")).toContainText("UTC");
  await expect(requestsCard.locator(".recharts-tooltip-wrapper")).toContainText("Requests");

  // The alarms slot, and top customers by requests today once the customer's usage is synced.
  await expect(page.getByTestId("alarm-summary")).toContainText("Alarms");
  await customer.page.goto("/dashboard/usage");
  await customer.page.getByRole("button", { name: "Refresh now" }).click();
  await expect(customer.page.getByTestId("usage-age")).toHaveText("Updated just now");
  await page.reload();
  await expect(page.getByTestId("top-customer-row").first()).toBeVisible();

  // Other ranges: the choice is in the URL and the period fits.
  await page.getByRole("link", { name: "7d", exact: true }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(page.getByRole("link", { name: "7d", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("per 1-hour period", { exact: false }).first()).toBeVisible();
  await customer.context.close();
});

test("the API and stage picker refuses what does not exist and falls back to 24 h for an unknown range", async ({ browser }) => {
  const page = await adminPage(browser);
  await page.goto("/admin?api=nosuchapi1");
  await expect(page.getByTestId("selection-error")).toContainText('There is no REST API with id "nosuchapi1" in this account.');
  await page.getByRole("link", { name: "Show the portal's API" }).click();
  await expect(page.getByRole("combobox", { name: "API" })).toHaveValue(/[a-z0-9]+/);

  await page.goto("/admin?stage=nope");
  await expect(page.getByTestId("selection-error")).toContainText('The API gatehouse-demo-api has no stage "nope".');
  await page.goto("/admin/methods?stage=%3Cscript%3E&range=bogus");
  await expect(page.getByRole("link", { name: "24h", exact: true })).toHaveAttribute("aria-current", "page"); // a malformed stage is ignored
  await expect(page.getByRole("combobox", { name: "Stage" })).toHaveValue("prod");

  // The form: pick the stage and show it.
  await page.goto("/admin");
  await page.getByRole("combobox", { name: "Stage" }).selectOption("prod");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/stage=prod/);
  await expect(page.getByTestId("metrics-overview")).toBeVisible();
});

test("per-method metrics appear once detailed metrics are switched on, and the switch is confirmed and reversible", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const customer = await customerKey(browser, "Metrics Methods");
  const aws = new APIGatewayClient({ region: "us-east-1", endpoint: customer.awsEndpoint, credentials: { accessKeyId: "e2e", secretAccessKey: "e2e" }, maxAttempts: 1 });
  const restApiId = new URL(customer.url).pathname.split("/")[2] ?? "";
  const page = await adminPage(browser);
  try {
    await page.goto("/admin/methods?range=1h");
    await expect(page.getByRole("heading", { level: 1, name: "Methods" })).toBeVisible();
    await expect(page.getByTestId("detailed-metrics-state")).toContainText("Off");
    await expect(page.getByTestId("method-row")).toHaveCount(6); // every method of the API, from GetResources

    // Cancel changes nothing.
    await page.getByRole("button", { name: "Turn detailed metrics on" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Turn detailed metrics on for gatehouse-demo-api / prod?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByTestId("detailed-metrics-state")).toContainText("Off");

    await page.getByRole("button", { name: "Turn detailed metrics on" }).click();
    await dialog.getByRole("button", { name: "Turn on" }).click();
    await expect(page.getByText("Detailed metrics are on for gatehouse-demo-api / prod.")).toBeVisible();
    await expect(page.getByTestId("detailed-metrics-state")).toContainText("On");
    const stage = await aws.send(new GetStageCommand({ restApiId, stageName: "prod" }));
    expect(stage.methodSettings?.["*/*"]?.metricsEnabled).toBe(true);

    const pet = customer.url.replace(/\/pets$/, "/pets/1");
    await sendRequests(request, pet, customer.value, 4, 200);
    await sendRequests(request, customer.url.replace(/\/pets$/, "/pets/999999"), customer.value, 2, 404);
    const row = page.getByTestId("method-row").filter({ hasText: "/pets/{id}" });
    await expect(async () => {
      await page.reload();
      await expect(row.locator("td").first()).not.toHaveText("0", { timeout: 1000 });
    }).toPass({ timeout: 90_000 });
    await expect(row.locator("td").nth(1)).not.toHaveText("—"); // 4XX share of the 404s
    const chart = page.getByRole("application", { name: "Requests per method" });
    await chart.scrollIntoViewIfNeeded();
    await expect(chart).toBeVisible();

    // Sorting the table by requests (numbers sort descending first) puts the busiest method first.
    await page.getByRole("button", { name: "Requests", exact: true }).click();
    await expect(page.getByRole("columnheader", { name: "Requests" })).toHaveAttribute("aria-sort", "descending");
    await expect(page.getByTestId("method-row").first()).toContainText("/pets/{id}");

    await page.getByRole("button", { name: "Turn detailed metrics off" }).click();
    await page.getByRole("alertdialog", { name: "Turn detailed metrics off for gatehouse-demo-api / prod?" }).getByRole("button", { name: "Turn off" }).click();
    await expect(page.getByText("Detailed metrics are off for gatehouse-demo-api / prod.")).toBeVisible();
    await expect(page.getByTestId("detailed-metrics-state")).toContainText("Off");
  } finally {
    // Leave the shared stage as it was, whatever happened above.
    await aws.send(
      new UpdateStageCommand({
        restApiId,
        stageName: "prod",
        patchOperations: [
          { op: "replace", path: "/*/*/metrics/enabled", value: "false" },
          { op: "replace", path: "/~1data/GET/metrics/enabled", value: "false" },
        ],
      }),
    );
    await customer.context.close();
  }
});

test("customers and billing staff cannot open the metrics views", async ({ browser }) => {
  for (const role of ["customer", "billing"] as const) {
    const context = await browser.newContext({ storageState: storageState(role) });
    const page = await context.newPage();
    for (const path of ["/admin", "/admin/methods"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
    }
    await context.close();
  }
});

test("at 390 px the metrics views fit the screen (tables scroll inside their cards)", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageState("admin"), viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  for (const path of ["/admin?range=1h", "/admin/methods?range=1h"]) {
    await page.goto(path);
    await expect(page.getByRole("table").first()).toBeVisible(); // the streamed sections are in
    await page.getByRole("table").last().scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} is no wider than the screen`).toBeLessThanOrEqual(390);
  }
  await context.close();
});
