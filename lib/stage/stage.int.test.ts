// /admin/stage's domain code against local AWS and a real database: the stage as AWS reports it, UpdateStage with a
// checked preview, cache flushes seen through real gateway traffic, AWS throttling and refusals, and the audit log.
import { APIGatewayClient, CreateApiKeyCommand, CreateUsagePlanKeyCommand, GetStageCommand, GetUsagePlansCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCustomer, newStaff } from "@/test/fixtures";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/policy/actor";
import { flushCache, resetMethodSetting, updateStageSettings } from "@/lib/stage/commands";
import { settingPatch, type MethodSettingForm } from "@/lib/stage/method-settings";
import { loadStagePage } from "@/lib/stage/queries";
import { targetApi } from "@/lib/gateway/target-api";
import { setFaults } from "@/test/local-aws-faults";

const aws = new APIGatewayClient({});
let admin: Actor;
let api: string;
const stage = "prod";

/** A key in the enterprise plan (no quota) for real data-plane calls. */
async function gatewayKey(): Promise<string> {
  const plans = await aws.send(new GetUsagePlansCommand({ limit: 500 }));
  const plan = plans.items?.find((p) => p.name === "enterprise");
  const key = await aws.send(new CreateApiKeyCommand({ name: `stage-int-${Date.now()}`, enabled: true }));
  await aws.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan!.id!, keyId: key.id!, keyType: "API_KEY" }));
  return key.value!;
}

const call = (path: string, key: string) => fetch(`${process.env.GATEHOUSE_GATEWAY_URL}${path}`, { headers: { "x-api-key": key } });

function form(target: string, change: Partial<MethodSettingForm> = {}): MethodSettingForm {
  return {
    target,
    throttlingRateLimit: 1000,
    throttlingBurstLimit: 2000,
    cachingEnabled: true,
    cacheTtlInSeconds: 300,
    cacheDataEncrypted: false,
    requireAuthorizationForCacheControl: true,
    unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITH_RESPONSE_HEADER",
    ...change,
  };
}

/** The patch the page would preview for `edit`, from the stage as it is now. */
async function preview(edit: MethodSettingForm) {
  const page = await loadStagePage(admin, { api, stage });
  if (!page.ok) throw new Error(page.error.message);
  const row = page.data.rows.find((r) => r.key === edit.target)!;
  return settingPatch(edit.target, row.effective, edit).map((l) => l.operation);
}

beforeAll(async () => {
  admin = await newStaff("ADMIN");
  api = (await targetApi()).restApiId;
});
afterAll(() => setFaults([]));

describe("stage page data", () => {
  it("shows the target stage's cache cluster and the seed's method settings, every method listed", async () => {
    const page = await loadStagePage(admin, {});
    expect(page.ok).toBe(true);
    if (!page.ok) return;
    expect(page.data.api.name).toBe("gatehouse-demo-api");
    expect(page.data.stage).toMatchObject({ stageName: "prod", cacheClusterEnabled: true, cacheClusterSize: "0.5", cacheClusterStatus: "AVAILABLE" });
    const data = page.data.rows.find((r) => r.key === "~1data/GET");
    expect(data).toMatchObject({ overridden: true, effective: { throttlingRateLimit: 100, throttlingBurstLimit: 200, cacheTtlInSeconds: 3600 } });
    const pets = page.data.rows.find((r) => r.key === "~1pets/GET");
    expect(pets).toMatchObject({ overridden: false, effective: { cachingEnabled: true, cacheTtlInSeconds: 300 } });
    expect(page.data.rows[0]?.key).toBe("*/*");
    expect(page.data.methodsUnavailable).toBe(false);
  });

  it("refuses customers and billing staff, and an unknown API", async () => {
    expect(await loadStagePage(await newCustomer(), {})).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await loadStagePage(await newStaff("BILLING"), {})).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await loadStagePage(admin, { api: "nope000000", stage })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await loadStagePage(admin, { api, stage: "nostage" })).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});

describe("updating settings", () => {
  it("applies exactly the previewed patch, audits it, and resets the override", async () => {
    const edit = form("~1pets/GET", { throttlingRateLimit: 50, throttlingBurstLimit: 75, cacheTtlInSeconds: 60, cacheDataEncrypted: true });
    const previewed = await preview(edit);
    expect(previewed).toEqual([
      { op: "replace", path: "/~1pets/GET/throttling/rateLimit", value: "50" },
      { op: "replace", path: "/~1pets/GET/throttling/burstLimit", value: "75" },
      { op: "replace", path: "/~1pets/GET/caching/ttlInSeconds", value: "60" },
      { op: "replace", path: "/~1pets/GET/caching/dataEncrypted", value: "true" },
    ]);
    const result = await updateStageSettings(admin, { ...edit, api, stage, previewed });
    expect(result).toMatchObject({ ok: true, data: { message: "Updated GET /pets: 4 changes applied." } });
    const after = await aws.send(new GetStageCommand({ restApiId: api, stageName: stage }));
    expect(after.methodSettings?.["~1pets/GET"]).toMatchObject({ throttlingRateLimit: 50, throttlingBurstLimit: 75, cacheTtlInSeconds: 60, cacheDataEncrypted: true });
    const audit = await db.auditLog.findFirst({ where: { action: "stage.settings.update", actorId: admin.userId }, orderBy: { createdAt: "desc" } });
    expect(audit).toMatchObject({ outcome: "success", targetType: "stage", targetId: `${api}/${stage}`, meta: { target: "~1pets/GET", operations: previewed } });

    // The same edit again: nothing to change.
    expect(await updateStageSettings(admin, { ...edit, api, stage, previewed })).toMatchObject({ ok: false, error: { code: "invalid", message: expect.stringContaining("Nothing to change") } });

    expect(await resetMethodSetting(admin, { api, stage, target: "~1pets/GET" })).toMatchObject({ ok: true });
    const reset = await aws.send(new GetStageCommand({ restApiId: api, stageName: stage }));
    expect(reset.methodSettings?.["~1pets/GET"]).toBeUndefined();
  });

  it("sends nothing when the stage changed since the preview", async () => {
    const edit = form("*/*", { cacheTtlInSeconds: 120 });
    const stale = [{ op: "replace" as const, path: "/*/*/caching/ttlInSeconds", value: "999" }];
    const result = await updateStageSettings(admin, { ...edit, api, stage, previewed: stale });
    expect(result).toMatchObject({ ok: false, error: { code: "conflict" } });
    const after = await aws.send(new GetStageCommand({ restApiId: api, stageName: stage }));
    expect(after.methodSettings?.["*/*"]?.cacheTtlInSeconds).toBe(300);
  });

  it("says AWS is busy when UpdateStage is throttled, changes nothing, and audits the failure", async () => {
    const edit = form("*/*", { cacheTtlInSeconds: 30 });
    const previewed = await preview(edit);
    await setFaults([{ operation: "UpdateStage", errorRate: 1, kind: "throttle" }]);
    try {
      const result = await updateStageSettings(admin, { ...edit, api, stage, previewed });
      expect(result).toMatchObject({ ok: false, error: { code: "throttled", message: expect.stringContaining("AWS is busy, try again in a moment") } });
    } finally {
      await setFaults([]);
    }
    const after = await aws.send(new GetStageCommand({ restApiId: api, stageName: stage }));
    expect(after.methodSettings?.["*/*"]?.cacheTtlInSeconds).toBe(300);
    const audit = await db.auditLog.findFirst({ where: { action: "stage.settings.update", actorId: admin.userId, outcome: "failure" } });
    expect(audit?.meta).toMatchObject({ error: "throttled", target: "*/*" });
  });

  it("refuses customers and billing staff", async () => {
    const edit = form("*/*", { cacheTtlInSeconds: 30 });
    const input = { ...edit, api, stage, previewed: [] };
    expect(await updateStageSettings(await newCustomer(), input)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await updateStageSettings(await newStaff("BILLING"), input)).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });
});

describe("flushing caches", () => {
  it("flushes the stage cache: the next gateway call misses, and the flush is audited", async () => {
    const key = await gatewayKey();
    await call("/data", key);
    expect((await call("/data", key)).headers.get("x-cache")).toBe("Hit");
    const result = await flushCache(admin, "stage.cache.flush", { api, stage });
    expect(result).toMatchObject({ ok: true, data: { message: `Stage cache flushed for prod of API ${api}.` } });
    expect((await call("/data", key)).headers.get("x-cache")).toBe("Miss");
    const audit = await db.auditLog.findFirst({ where: { action: "stage.cache.flush", actorId: admin.userId } });
    expect(audit).toMatchObject({ outcome: "success", targetId: `${api}/${stage}` });
  });

  it("flushes the authorizer cache, and reports a missing stage or AWS failure with nothing flushed", async () => {
    expect(await flushCache(admin, "stage.authorizer_cache.flush", { api, stage })).toMatchObject({ ok: true });
    expect(await flushCache(admin, "stage.cache.flush", { api, stage: "nostage" })).toMatchObject({ ok: false, error: { code: "not_found" } });

    const key = await gatewayKey();
    await call("/data", key);
    await setFaults([{ operation: "FlushStageCache", errorRate: 1, kind: "5xx" }]);
    try {
      expect(await flushCache(admin, "stage.cache.flush", { api, stage })).toMatchObject({ ok: false, error: { code: "unavailable" } });
    } finally {
      await setFaults([]);
    }
    expect((await call("/data", key)).headers.get("x-cache")).toBe("Hit");
    const failures = await db.auditLog.count({ where: { action: "stage.cache.flush", actorId: admin.userId, outcome: "failure" } });
    expect(failures).toBe(2);
  });

  it("refuses customers and billing staff", async () => {
    expect(await flushCache(await newCustomer(), "stage.cache.flush", { api, stage })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await flushCache(await newStaff("BILLING"), "stage.authorizer_cache.flush", { api, stage })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });
});
