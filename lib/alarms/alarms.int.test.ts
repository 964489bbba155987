import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DeleteDashboardsCommand,
  DescribeAlarmsCommand,
  GetDashboardCommand,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
} from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDashboard, createRecommendedAlarms } from "@/lib/alarms/create";
import { getAlarmsPage, getAlarmSummary } from "@/lib/alarms/queries";
import { dashboardName } from "@/lib/alarms/recommended";
import { db } from "@/lib/db";
import { targetApi } from "@/lib/gateway/target-api";
import type { Actor } from "@/lib/policy/actor";
import { newCustomer, newStaff } from "@/test/fixtures";

// Real CloudWatch calls to local AWS, real gateway traffic, a real database. No mocks.
const cw = new CloudWatchClient({ maxAttempts: 1 });
const TRAFFIC_ALARM = "it-alarms-4xx-per-minute";

let admin: Actor;
let api: { id: string; name: string; stage: string };

async function auditEntries(action: string) {
  return db.auditLog.findMany({ where: { action, actorId: admin.userId }, orderBy: { createdAt: "asc" } });
}

beforeAll(async () => {
  admin = await newStaff("ADMIN");
  const target = await targetApi();
  api = { id: target.restApiId, name: target.name, stage: target.stage };
  // A one-minute alarm on the stage's 4XXError, then real requests with a key the gateway does not know (403s).
  // Its state is checked in the last test, once the minute of these requests is over (CloudWatch evaluates only
  // complete periods).
  await cw.send(
    new PutMetricAlarmCommand({
      AlarmName: TRAFFIC_ALARM,
      Namespace: "AWS/ApiGateway",
      MetricName: "4XXError",
      Dimensions: [
        { Name: "ApiName", Value: api.name },
        { Name: "Stage", Value: api.stage },
      ],
      Statistic: "Sum",
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 2,
      ComparisonOperator: "GreaterThanThreshold",
      TreatMissingData: "ignore",
    }),
  );
  for (let i = 0; i < 5; i++) {
    const res = await fetch(`${process.env.GATEHOUSE_GATEWAY_URL}/pets`, { headers: { "x-api-key": "not-a-key-of-this-gateway-000000" } });
    await res.arrayBuffer();
    expect(res.status).toBe(403);
  }
});

afterAll(async () => {
  await cw.send(new DeleteAlarmsCommand({ AlarmNames: [TRAFFIC_ALARM] })).catch(() => undefined);
  cw.destroy();
});

describe("alarms and dashboard of an API stage", () => {
  it("refuses customers and billing staff", async () => {
    const customer = await newCustomer();
    const billing = await newStaff("BILLING");
    for (const who of [customer, billing]) {
      expect(await getAlarmsPage(who, {})).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await getAlarmSummary(who, api.name, api.stage)).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await createRecommendedAlarms(who, {})).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await createDashboard(who, {})).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    expect(await getAlarmsPage(null, {})).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
  });

  it("creates the three recommended alarms once; a second time changes nothing", async () => {
    const before = await getAlarmsPage(admin, { api: api.id, stage: api.stage });
    if (!before.ok || !before.data) throw new Error("no page");
    expect(before.data.recommended.map((r) => r.status.state)).toEqual(["missing", "missing", "missing"]);

    const first = await createRecommendedAlarms(admin, { apiId: api.id, stage: api.stage });
    expect(first).toMatchObject({ ok: true, data: { present: [], different: [] } });
    if (!first.ok) return;
    const names = [`${api.name}-${api.stage}-high-4xx-errors`, `${api.name}-${api.stage}-high-5xx-errors`, `${api.name}-${api.stage}-high-latency`];
    expect(first.data.created).toEqual(names);
    expect(first.data.message).toBe(`Created 3 recommended alarms on ${api.name} (${api.stage}).`);

    // What CloudWatch now holds is the seed's rule, exactly.
    const described = await cw.send(new DescribeAlarmsCommand({ AlarmNames: names }));
    expect(
      described.MetricAlarms!.map((a) => [a.AlarmName, a.Namespace, a.MetricName, a.Statistic, a.ComparisonOperator, a.Threshold, a.Period, a.EvaluationPeriods, a.Dimensions]),
    ).toEqual(
      [
        ["4XXError", "Sum", 100],
        ["5XXError", "Sum", 10],
        ["Latency", "Average", 1000],
      ].map(([metric, stat, threshold], i) => [
        names[i],
        "AWS/ApiGateway",
        metric,
        stat,
        "GreaterThanThreshold",
        threshold,
        300,
        2,
        [
          { Name: "ApiName", Value: api.name },
          { Name: "Stage", Value: api.stage },
        ],
      ]),
    );
    const updatedAt = described.MetricAlarms!.map((a) => a.AlarmConfigurationUpdatedTimestamp?.getTime());

    const audits = await auditEntries("alarms.create_recommended");
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ outcome: "success", targetType: "cloudwatch", targetId: `${api.id}/${api.stage}` });
    expect(audits[0]!.meta).toMatchObject({ apiName: api.name, stage: api.stage, created: names });

    const second = await createRecommendedAlarms(admin, {});
    expect(second).toMatchObject({ ok: true, data: { created: [], present: names } });
    if (second.ok) expect(second.data.message).toBe(`All the recommended alarms on ${api.name} (${api.stage}) already exist; nothing was changed.`);
    const again = await cw.send(new DescribeAlarmsCommand({ AlarmNames: names }));
    expect(again.MetricAlarms!.map((a) => a.AlarmConfigurationUpdatedTimestamp?.getTime())).toEqual(updatedAt);
    expect(await auditEntries("alarms.create_recommended")).toHaveLength(1);

    const after = await getAlarmsPage(admin, {});
    if (!after.ok || !after.data) throw new Error("no page");
    expect(after.data.recommended.map((r) => r.status)).toEqual(names.map((alarmName) => ({ state: "present", alarmName })));
    expect(after.data.alarms.map((a) => a.name)).toEqual(expect.arrayContaining(names));
  });

  it("leaves an alarm an admin edited in CloudWatch alone", async () => {
    const latency = `${api.name}-${api.stage}-high-latency`;
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: latency,
        Namespace: "AWS/ApiGateway",
        MetricName: "Latency",
        Dimensions: [
          { Name: "ApiName", Value: api.name },
          { Name: "Stage", Value: api.stage },
        ],
        Statistic: "Average",
        Period: 300,
        EvaluationPeriods: 2,
        Threshold: 2500,
        ComparisonOperator: "GreaterThanThreshold",
      }),
    );
    const result = await createRecommendedAlarms(admin, {});
    expect(result).toMatchObject({ ok: true, data: { created: [], different: [latency] } });
    const kept = await cw.send(new DescribeAlarmsCommand({ AlarmNames: [latency] }));
    expect(kept.MetricAlarms![0]!.Threshold).toBe(2500);
    const page = await getAlarmsPage(admin, {});
    if (!page.ok || !page.data) throw new Error("no page");
    expect(page.data.recommended.find((r) => r.spec.key === "latency")!.status).toEqual({ state: "different", alarmName: latency });
  });

  it("creates the dashboard once, valid for CloudWatch; a second time leaves it as it is", async () => {
    const name = dashboardName(api.name, api.stage);
    await cw.send(new DeleteDashboardsCommand({ DashboardNames: [name] })).catch(() => undefined);
    const first = await createDashboard(admin, { apiId: api.id, stage: api.stage });
    expect(first).toEqual({ ok: true, data: { name, created: true, message: `Created the dashboard ${name} for ${api.name} (${api.stage}).` } });
    const saved = await cw.send(new GetDashboardCommand({ DashboardName: name }));
    const body = JSON.parse(saved.DashboardBody ?? "{}") as { widgets: { properties: { title: string; region: string } }[] };
    expect(body.widgets.map((w) => [w.properties.title, w.properties.region])).toEqual([
      ["API Requests", "us-east-1"],
      ["API Latency", "us-east-1"],
    ]);
    const second = await createDashboard(admin, {});
    expect(second).toMatchObject({ ok: true, data: { created: false } });
    expect((await cw.send(new GetDashboardCommand({ DashboardName: name }))).DashboardBody).toBe(saved.DashboardBody);
    const audits = await auditEntries("dashboard.create");
    expect(audits.map((a) => [a.outcome, a.targetId])).toEqual([["success", `${api.id}/${api.stage}`]]);
    const page = await getAlarmsPage(admin, {});
    expect(page.ok && page.data?.dashboard).toEqual({ name, exists: true });
  });

  it("refuses an API or stage that does not exist, and writes nothing", async () => {
    expect(await createRecommendedAlarms(admin, { apiId: "nosuchapi0", stage: "prod" })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await createDashboard(admin, { apiId: api.id, stage: "nosuchstage" })).toMatchObject({ ok: false, error: { code: "not_found" } });
    const page = await getAlarmsPage(admin, { api: "nosuchapi0", stage: "prod" });
    expect(page.ok && page.data?.selection.notice).toBe("There is no API with id nosuchapi0; showing the portal's API instead.");
  });

  it("shows state, reason and history; the summary counts states and names the alarms in alarm", async () => {
    const fivexx = `${api.name}-${api.stage}-high-5xx-errors`;
    await cw.send(new SetAlarmStateCommand({ AlarmName: fivexx, StateValue: "ALARM", StateReason: "Testing the alarm page" }));
    const page = await getAlarmsPage(admin, {});
    if (!page.ok || !page.data) throw new Error("no page");
    const alarm = page.data.alarms.find((a) => a.name === fivexx)!;
    expect(alarm).toMatchObject({ state: "ALARM", stateReason: "Testing the alarm page" });
    expect(page.data.alarms[0]!.state).toBe("ALARM"); // alarms in alarm come first
    // CloudWatch may have evaluated the new alarm in between (INSUFFICIENT_DATA to OK): the last change is to ALARM.
    const history = page.data.history.filter((h) => h.alarmName === fivexx).map((h) => h.summary);
    expect(history).toContain(`Alarm "${fivexx}" created`);
    expect(history.some((summary) => /^Alarm updated from (INSUFFICIENT_DATA|OK) to ALARM$/.test(summary))).toBe(true);
    const summary = await getAlarmSummary(admin, api.name, api.stage);
    if (!summary.ok) throw new Error(summary.error.message);
    expect(summary.data.counts.ALARM).toBeGreaterThanOrEqual(1);
    expect(summary.data.total).toBe(summary.data.counts.ALARM + summary.data.counts.OK + summary.data.counts.INSUFFICIENT_DATA);
    expect(summary.data.firing).toEqual(expect.arrayContaining([expect.objectContaining({ name: fivexx, reason: "Testing the alarm page" })]));
  });

  it("goes into ALARM from real gateway traffic once its minute is over", { timeout: 100_000 }, async () => {
    await expect
      .poll(
        async () => {
          const page = await getAlarmsPage(admin, {});
          return page.ok ? page.data?.alarms.find((a) => a.name === TRAFFIC_ALARM)?.state : undefined;
        },
        { timeout: 90_000, interval: 2_000 },
      )
      .toBe("ALARM");
    const page = await getAlarmsPage(admin, {});
    if (!page.ok || !page.data) throw new Error("no page");
    const alarm = page.data.alarms.find((a) => a.name === TRAFFIC_ALARM)!;
    expect(alarm.stateReason).toMatch(/^Threshold Crossed: 1 out of the last 1 datapoint \[\d+\.0 \(.+\)\] was greater than the threshold \(2\.0\)/);
    expect(page.data.history.some((h) => h.alarmName === TRAFFIC_ALARM && h.summary === "Alarm updated from INSUFFICIENT_DATA to ALARM")).toBe(true);
  });
});
