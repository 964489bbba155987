import { CloudWatchClient, SetAlarmStateCommand } from "@aws-sdk/client-cloudwatch";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageState } from "../support/accounts";
import { callAction, serverActions } from "../support/server-actions";
import { shotsTest } from "../support/shots";

// /admin/alarms: the CloudWatch alarms on the API's metrics (state, reason, history), and the recommended alarms and
// dashboard created with one click each; doing it twice changes nothing. Other specs (the authorization matrix) may
// have created them already on the shared server, so the first click accepts either answer.

const API = "gatehouse-demo-api";
const STAGE = "prod";
const names = [`${API}-${STAGE}-high-4xx-errors`, `${API}-${STAGE}-high-5xx-errors`, `${API}-${STAGE}-high-latency`];

/** Local AWS's endpoint, read from the base URL the demo customer's API docs show (…/restapis/<id>/prod/_user_request_). */
async function localAwsEndpoint(browser: Browser): Promise<string> {
  const context = await browser.newContext({ storageState: storageState("customer") });
  const page = await context.newPage();
  await page.goto("/dashboard/docs");
  const base = (await page.getByRole("main").getByText(/_user_request_$/).first().textContent()) ?? "";
  await context.close();
  return new URL(base.trim()).origin;
}

/** Puts an alarm in ALARM as CloudWatch's SetAlarmState does (it holds until the next evaluation, about a minute). */
async function setAlarm(endpoint: string, alarmName: string, reason: string) {
  const seconds = new Date().getUTCSeconds();
  if (seconds >= 45) await new Promise((r) => setTimeout(r, (61 - seconds) * 1000)); // not across a minute boundary
  const cw = new CloudWatchClient({ region: "us-east-1", endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" }, maxAttempts: 1 });
  await cw.send(new SetAlarmStateCommand({ AlarmName: alarmName, StateValue: "ALARM", StateReason: reason }));
  cw.destroy();
}

async function confirm(page: Page, button: string, title: RegExp, confirmLabel: string) {
  await page.getByRole("button", { name: button }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog.getByRole("heading", { name: title })).toBeVisible();
  await dialog.getByRole("button", { name: confirmLabel }).click();
  await expect(dialog).toBeHidden();
}

test.use({ storageState: storageState("admin") });

test("an admin creates the recommended alarms and dashboard once, then sees state, reason and history", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.goto("/admin/alarms");
  await expect(page.getByRole("heading", { name: "Alarms", level: 1 })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "API" })).toHaveValue(/\w+/);
  await expect(page.getByRole("combobox", { name: "API" }).locator("option:checked")).toContainText(API);
  await expect(page.getByRole("combobox", { name: "Stage" })).toHaveValue(STAGE);
  const recommended = page.getByTestId("recommended-alarm");
  await expect(recommended).toHaveCount(3);
  await expect(recommended.nth(0)).toContainText("Sum of 4XXError > 100 for 2 periods of 5 minutes");
  await expect(recommended.nth(1)).toContainText("Sum of 5XXError > 10 for 2 periods of 5 minutes");
  await expect(recommended.nth(2)).toContainText("Average of Latency > 1000 ms for 2 periods of 5 minutes");

  // First click: creates them (or finds them, when another spec already did).
  await confirm(page, "Create recommended alarms", new RegExp(`Create the recommended alarms on ${API} \\(${STAGE}\\)\\?`), "Create alarms");
  await expect(page.getByText(new RegExp(`Created 3 recommended alarms on ${API} \\(${STAGE}\\)\\.|All the recommended alarms on ${API} \\(${STAGE}\\) already exist`))).toBeVisible();
  for (const item of await recommended.all()) await expect(item).toHaveAttribute("data-status", "present");
  const rows = page.getByTestId("alarm-row");
  for (const name of names) await expect(rows.filter({ hasText: name })).toHaveCount(1);

  // Second click: nothing changes, and it says so.
  await confirm(page, "Create recommended alarms", /Create the recommended alarms/, "Create alarms");
  await expect(page.getByText(`All the recommended alarms on ${API} (${STAGE}) already exist; nothing was changed.`)).toBeVisible();
  for (const name of names) await expect(rows.filter({ hasText: name })).toHaveCount(1);

  // The dashboard, twice.
  const dashboard = page.getByTestId("recommended-dashboard");
  await expect(dashboard).toContainText(`${API}-${STAGE}-dashboard`);
  await confirm(page, "Create dashboard", new RegExp(`Create the dashboard for ${API} \\(${STAGE}\\)\\?`), "Create dashboard");
  await expect(page.getByText(new RegExp(`Created the dashboard ${API}-${STAGE}-dashboard|The dashboard ${API}-${STAGE}-dashboard already exists`))).toBeVisible();
  await expect(dashboard).toHaveAttribute("data-status", "present");
  await confirm(page, "Create dashboard", /Create the dashboard/, "Create dashboard");
  await expect(page.getByText(`The dashboard ${API}-${STAGE}-dashboard already exists; nothing was changed.`)).toBeVisible();

  // State, reason and history: CloudWatch puts the 5XX alarm in ALARM; the page shows it first, with why.
  await setAlarm(await localAwsEndpoint(browser), names[1]!, "Threshold Crossed: e2e check of the alarms page");
  await page.reload();
  const firing = rows.first();
  await expect(firing).toContainText(names[1]!);
  await expect(firing).toContainText("In alarm");
  await expect(firing).toContainText("Threshold Crossed: e2e check of the alarms page");
  const history = page.getByTestId("alarm-history-row");
  await expect(history.filter({ hasText: "Alarm updated from INSUFFICIENT_DATA to ALARM" }).filter({ hasText: names[1]! }).first()).toBeVisible();
  await expect(history.filter({ hasText: `Alarm "${names[0]}" created` })).toHaveCount(1);
});

test("the API and stage come from the URL; unknown or malformed ones fall back to the portal's API", async ({ page }) => {
  await page.goto("/admin/alarms?api=nosuchapi0&stage=prod");
  await expect(page.getByText("There is no API with id nosuchapi0; showing the portal's API instead.")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Stage" })).toHaveValue(STAGE);

  const apiId = await (async () => {
    await page.goto("/admin/alarms");
    return page.getByRole("combobox", { name: "API" }).inputValue();
  })();
  await page.goto(`/admin/alarms?api=${apiId}&stage=nosuchstage`);
  await expect(page.getByText(`${API} has no stage nosuchstage; showing another stage.`)).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Stage" })).toHaveValue(STAGE);

  // Malformed values are ignored, never a 500.
  const response = await page.goto(`/admin/alarms?api=${encodeURIComponent("../../x y")}&stage=${encodeURIComponent("<b>")}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("combobox", { name: "Stage" })).toHaveValue(STAGE);

  // Choosing a stage puts it in the URL.
  await page.getByRole("combobox", { name: "Stage" }).selectOption(STAGE);
  await expect(page).toHaveURL(new RegExp(`api=${apiId}&stage=${STAGE}`));
});

test("the actions refuse malformed and unknown API stages", async ({ page, baseURL }) => {
  await page.goto("/admin/alarms");
  const actions = serverActions();
  const create = actions.find((a) => a.name === "createRecommendedAlarmsAction")!;
  const dashboard = actions.find((a) => a.name === "createDashboardAction")!;
  const request = page.context().request;
  for (const action of [create, dashboard]) {
    expect((await callAction(request, baseURL ?? "", "/admin/alarms", action, [{ form: { apiId: "../etc", stage: STAGE } }])).outcome).toBe("invalid");
    expect((await callAction(request, baseURL ?? "", "/admin/alarms", action, [{ form: { apiId: "abc", stage: "no stage" } }])).outcome).toBe("invalid");
    expect((await callAction(request, baseURL ?? "", "/admin/alarms", action, [{ form: { apiId: "nosuchapi0", stage: STAGE } }])).outcome).toBe("not_found");
  }
});

// Screenshots for review (SHOTS_DIR=…): light and dark, 1280 and 390 px wide.
shotsTest("screenshots", async ({ browser, page, baseURL, shotsDir: dir }) => {
  test.setTimeout(180_000);
  await page.goto("/admin/alarms");
  for (const action of serverActions().filter((a) => a.name === "createRecommendedAlarmsAction" || a.name === "createDashboardAction")) {
    expect((await callAction(page.context().request, baseURL ?? "", "/admin/alarms", action, [{ form: {} }])).outcome).toBe("ok");
  }
  await setAlarm(await localAwsEndpoint(browser), names[1]!, "Threshold Crossed: 2 out of the last 2 datapoints [14.0, 12.0] were greater than the threshold (10.0).");
  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ storageState: storageState("admin"), colorScheme, viewport: { width, height: 900 } });
      const page = await context.newPage();
      for (const [path, file] of [
        ["/admin/alarms", "alarms"],
        ["/admin/alarms/summary-preview", "alarm-summary"],
      ] as const) {
        const response = await page.goto(path);
        if (response?.status() !== 200) continue;
        await page.screenshot({ path: `${dir}/${file}-${colorScheme}-${width}.png`, fullPage: true });
      }
      if (width === 1280 && colorScheme === "light") {
        await page.goto("/admin/alarms");
        await page.getByRole("button", { name: "Create recommended alarms" }).click();
        await page.screenshot({ path: `${dir}/alarms-confirm-${colorScheme}-${width}.png` });
      }
      await context.close();
    }
  }
});
