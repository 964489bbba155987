import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getMetricDataCallCount } from "@/lib/aws/metrics";
import { getStageMetricsSettings } from "@/lib/aws/resources";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/create-key";
import { setDetailedMetrics } from "@/lib/metrics/detailed-metrics";
import { loadMethodMetrics, loadMetricsOverview, topCustomersToday, type StageRef } from "@/lib/metrics/queries";
import { resolveSelection } from "@/lib/metrics/selection";
import { clearViewCache } from "@/lib/metrics/view-cache";
import { refreshUsage } from "@/lib/usage/sync-usage";
import { ensureTiers, newCustomer, newStaff } from "@/test/fixtures";
import { setFaults } from "@/test/local-aws-faults";

// Metrics from real gateway traffic: requests through local AWS's data plane, which records AWS/ApiGateway metrics
// as API Gateway does; the views read them back with the real SDK. Other test files share the stage, so figures are
// checked as "at least what this test sent" between a reading before and after.
const gateway = (path: string) => `${process.env.GATEHOUSE_GATEWAY_URL ?? ""}${path}`;

async function send(path: string, key: string | null, times: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) {
    const res = await fetch(gateway(path), { headers: key ? { "x-api-key": key } : {} });
    await res.arrayBuffer();
    statuses.push(res.status);
  }
  return statuses;
}

describe("admin metrics from real gateway traffic", () => {
  let stageRef: StageRef;
  let key: string;
  let customerId: string;

  beforeAll(async () => {
    await ensureTiers();
    const selection = await resolveSelection({ range: "1h" });
    if (!selection.ok) throw new Error(selection.error.message);
    expect(selection.data).toMatchObject({ stage: "prod", api: { name: "gatehouse-demo-api" } });
    stageRef = { apiName: selection.data.api.name, restApiId: selection.data.api.id, stage: selection.data.stage };
    const customer = await newCustomer("premium");
    customerId = customer.customerId;
    const created = await createKey(customer, { name: "metrics test" });
    if (!created.ok || !created.data.value) throw new Error(created.ok ? "key still pending" : created.error.message);
    key = created.data.value;
  });
  afterEach(async () => {
    await setFaults([]);
    clearViewCache();
  });
  afterAll(async () => {
    const admin = await newStaff("ADMIN");
    await setDetailedMetrics(admin, { restApiId: stageRef.restApiId, stage: stageRef.stage, enabled: false });
  });

  it("shows requests, 4XX errors, latency and cache figures of the stage in one GetMetricData call, then from the cache", async () => {
    const admin = await newStaff("ADMIN");
    clearViewCache();
    const before = await loadMetricsOverview(admin, stageRef, "1h");
    if (!before.ok) throw new Error(before.error.message);
    clearViewCache();

    expect(await send("/pets", key, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await send("/pets", null, 3)).toEqual([403, 403, 403]); // no key: a 4XX in CloudWatch
    await send("/data", key, 2); // cacheable: a miss, then a hit (unless another test warmed it)

    const calls = getMetricDataCallCount();
    const after = await loadMetricsOverview(admin, stageRef, "1h");
    if (!after.ok) throw new Error(after.error.message);
    expect(getMetricDataCallCount() - calls).toBe(1);
    expect(after.data.fromCache).toBe(false);
    const s = after.data.summary;
    expect(s.requests - before.data.summary.requests).toBeGreaterThanOrEqual(11);
    expect(s.errors4xx - before.data.summary.errors4xx).toBeGreaterThanOrEqual(3);
    expect(s.rate4xx).toBeGreaterThan(0);
    expect(s.cacheHits + s.cacheMisses - (before.data.summary.cacheHits + before.data.summary.cacheMisses)).toBeGreaterThanOrEqual(2);
    expect(s.hitRatio).not.toBeNull();
    expect(s.latencyAvg).toBeGreaterThan(0);
    expect(s.latencyP99).toBeGreaterThanOrEqual(s.latencyP50 ?? Infinity);
    expect(s.integrationAvg).toBeGreaterThan(0);
    expect(after.data.points).toHaveLength(60);
    expect(after.data.period).toBe(60);
    expect(after.data.points.at(-1)?.requests).toBeGreaterThan(0);

    // Within the minute the same view is served from the cache: no CloudWatch call at all.
    const again = await loadMetricsOverview(admin, stageRef, "1h");
    expect(getMetricDataCallCount() - calls).toBe(1);
    expect(again.ok && again.data.fromCache).toBe(true);
    expect(again.ok && again.data.summary).toEqual(s);

    // Every range has its own fitting period.
    const month = await loadMetricsOverview(admin, stageRef, "30d");
    expect(month.ok && month.data).toMatchObject({ period: 21600, points: expect.any(Array) });
    expect(month.ok && month.data.summary.requests).toBeGreaterThanOrEqual(s.requests);
  });

  it("shows each method once detailed metrics are on, and audits the switch", async () => {
    const admin = await newStaff("ADMIN");
    const on = await setDetailedMetrics(admin, { restApiId: stageRef.restApiId, stage: stageRef.stage, enabled: true });
    expect(on).toEqual({ ok: true, data: { enabled: true } });
    const settings = await getStageMetricsSettings(stageRef.restApiId, stageRef.stage);
    expect(settings.detailedMetrics).toBe(true);
    expect(settings.methodOverrides.every((o) => o.detailedMetrics)).toBe(true); // /data's own settings follow too
    const audit = await db.auditLog.findFirst({ where: { action: "stage.detailed_metrics.set", actorId: admin.userId } });
    expect(audit).toMatchObject({ outcome: "success", targetType: "stage", targetId: `${stageRef.restApiId}/prod`, meta: { enabled: true } });

    const before = await loadMethodMetrics(admin, stageRef, "1h");
    if (!before.ok) throw new Error(before.error.message);
    clearViewCache();
    const row = (rows: typeof before.data.rows, method: string, resource: string) => rows.find((r) => r.method === method && r.resource === resource);
    const base = row(before.data.rows, "GET", "/pets/{id}");

    expect(await send("/pets/1", key, 4)).toEqual([200, 200, 200, 200]);
    expect(await send("/pets/999999", key, 2)).toEqual([404, 404]);

    const calls = getMetricDataCallCount();
    const after = await loadMethodMetrics(admin, stageRef, "1h");
    if (!after.ok) throw new Error(after.error.message);
    expect(getMetricDataCallCount() - calls).toBe(1);
    expect(after.data.detailedMetrics).toBe(true);
    // Every method from GetResources, by path then verb.
    expect(after.data.rows.map((r) => `${r.method} ${r.resource}`)).toEqual(["GET /data", "GET /flaky", "GET /health", "GET /pets", "POST /pets", "GET /pets/{id}"]);
    const pet = row(after.data.rows, "GET", "/pets/{id}");
    expect((pet?.requests ?? 0) - (base?.requests ?? 0)).toBeGreaterThanOrEqual(6);
    expect((pet?.errors4xx ?? 0) - (base?.errors4xx ?? 0)).toBeGreaterThanOrEqual(2);
    expect(pet?.latencyP99).toBeGreaterThan(0);
    const series = after.data.rows.findIndex((r) => r === pet);
    expect(after.data.points.some((p) => (p[`s${series}`] ?? 0) > 0)).toBe(true);

    const off = await setDetailedMetrics(admin, { restApiId: stageRef.restApiId, stage: stageRef.stage, enabled: false });
    expect(off.ok).toBe(true);
    expect((await getStageMetricsSettings(stageRef.restApiId, stageRef.stage)).detailedMetrics).toBe(false);
  });

  it("ranks customers by today's synced requests", async () => {
    const admin = await newStaff("ADMIN");
    await send("/health", key, 3);
    const synced = await refreshUsage(customerId);
    if (!synced.ok) throw new Error(synced.error.message);
    const top = await topCustomersToday(admin, 100);
    if (!top.ok) throw new Error(top.error.message);
    const mine = top.data.rows.find((r) => r.customerId === customerId);
    expect(mine?.requests).toBeGreaterThanOrEqual(3);
    expect(mine?.tierName).toBeTruthy();
    const requests = top.data.rows.map((r) => r.requests);
    expect(requests).toEqual([...requests].sort((a, b) => b - a));
  });

  it("refuses customers and billing staff", async () => {
    const customer = await newCustomer();
    const billing = await newStaff("BILLING");
    for (const actor of [customer, billing]) {
      expect(await loadMetricsOverview(actor, stageRef, "1h")).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await loadMethodMetrics(actor, stageRef, "1h")).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await topCustomersToday(actor)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    expect(await loadMetricsOverview(null, stageRef, "1h")).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
  });

  it("maps CloudWatch throttling to a clear message, caches no failure, and audits a refused switch", async () => {
    const admin = await newStaff("ADMIN");
    await setFaults([{ operation: "cloudwatch:GetMetricData", errorRate: 1, kind: "throttle" }]);
    const failed = await loadMetricsOverview(admin, stageRef, "24h");
    expect(failed).toMatchObject({ ok: false, error: { code: "throttled" } });
    expect(!failed.ok && failed.error.message).toMatch(/try again in a moment/);
    await setFaults([]);
    const recovered = await loadMetricsOverview(admin, stageRef, "24h");
    expect(recovered.ok && recovered.data.fromCache).toBe(false);

    await setFaults([{ operation: "UpdateStage", errorRate: 1, kind: "5xx" }]);
    const refused = await setDetailedMetrics(admin, { restApiId: stageRef.restApiId, stage: stageRef.stage, enabled: true });
    expect(refused).toMatchObject({ ok: false, error: { code: "unavailable" } });
    expect(await db.auditLog.findFirst({ where: { action: "stage.detailed_metrics.set", actorId: admin.userId } })).toMatchObject({ outcome: "failure" });
    await setFaults([]);
    expect((await getStageMetricsSettings(stageRef.restApiId, stageRef.stage)).detailedMetrics).toBe(false);
  });
});
