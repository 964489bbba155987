import dc from "node:diagnostics_channel";
import { ClientRequest } from "node:http";
import { APIGatewayClient, DeleteApiKeyCommand, UpdateUsageCommand } from "@aws-sdk/client-api-gateway";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { todaySplit } from "@/lib/format/tier-move";
import { createKey } from "@/lib/keys/create-key";
import { changeTier } from "@/lib/tiers/change-tier";
import { getUsageOverview } from "@/lib/usage/queries";
import { refreshOwnUsage } from "@/lib/usage/refresh-own-usage";
import { refreshStaleUsage, refreshUsage } from "@/lib/usage/sync-usage";
import { addDays, utcDay } from "@/lib/usage/utc-days";
import { ensureTiers, newCustomer, newStaff } from "@/test/fixtures";
import { setFaults } from "@/test/local-aws-faults";

// Real requests through local AWS's data plane, real GetUsage, a real database. No mocks.
const aws = new APIGatewayClient({ maxAttempts: 1 });
const gateway = () => `${process.env.GATEHOUSE_GATEWAY_URL ?? ""}/pets`;

async function customerWithKey(tierSlug = "basic") {
  const customer = await newCustomer(tierSlug);
  const created = await createKey(customer, { name: "usage test" });
  if (!created.ok || !created.data.value) throw new Error(created.ok ? "key still pending" : created.error.message);
  const record = await db.apiKey.findUniqueOrThrow({ where: { id: created.data.id } });
  return { customer, key: { id: record.id, awsKeyId: record.awsKeyId ?? "", usagePlanId: record.usagePlanId, value: created.data.value } };
}

async function call(value: string | null, times: number) {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) {
    const res = await fetch(gateway(), { headers: value ? { "x-api-key": value } : {} });
    await res.arrayBuffer();
    statuses.push(res.status);
  }
  return statuses;
}

/**
 * Counts every HTTP request this process starts while `run` runs, whatever client sends it: node:http (the AWS
 * SDK's NodeHttpHandler) and undici (fetch) both publish on diagnostics channels. The database speaks the Postgres
 * wire protocol over a plain socket, so it does not count. Zero means no AWS call of any kind.
 */
async function httpRequestsDuring<T>(run: () => Promise<T>): Promise<{ result: T; requests: string[] }> {
  const requests: string[] = [];
  const onHttp = (message: unknown) => {
    const request = typeof message === "object" && message !== null && "request" in message ? message.request : null;
    if (request instanceof ClientRequest) requests.push(`${request.method} ${request.path}`);
  };
  const onFetch = () => requests.push("fetch");
  dc.subscribe("http.client.request.start", onHttp);
  dc.subscribe("undici:request:create", onFetch);
  try {
    return { result: await run(), requests };
  } finally {
    dc.unsubscribe("http.client.request.start", onHttp);
    dc.unsubscribe("undici:request:create", onFetch);
  }
}

describe("usage: GetUsage → UsageDay cache → overview", () => {
  beforeAll(async () => {
    await ensureTiers();
  });
  afterEach(async () => {
    await setFaults([]);
  });

  it("stores what GetUsage reports for the last 31 days and shows exactly that, per key and in total", async () => {
    const { customer, key } = await customerWithKey("basic");
    expect(await call(key.value, 7)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    expect(await call(null, 2)).toEqual([403, 403]); // no key: refused, and counted for nobody

    const refreshed = await refreshUsage(customer.customerId);
    if (!refreshed.ok) throw new Error(refreshed.error.message);
    expect(refreshed.data).toMatchObject({ customerId: customer.customerId, keys: 1, awsCalls: 1, skippedKeyIds: [] });

    const today = utcDay(new Date());
    const rows = await db.usageDay.findMany({ where: { apiKeyId: key.id }, orderBy: { date: "asc" } });
    expect(rows).toHaveLength(31);
    expect(utcDay(rows[0]?.date ?? new Date(0))).toBe(addDays(today, -30));
    expect(rows.map((r) => [utcDay(r.date), r.used, r.remaining, r.usagePlanId])).toEqual(
      Array.from({ length: 31 }, (_, i) => [addDays(today, i - 30), i === 30 ? 7 : 0, i === 30 ? 993 : 1000, key.usagePlanId]),
    );
    expect(rows.every((r) => r.fetchedAt.getTime() === refreshed.data.syncedAt.getTime())).toBe(true);
    const synced = await db.customer.findUniqueOrThrow({ where: { id: customer.customerId }, select: { usageSyncedAt: true } });
    expect(synced.usageSyncedAt).toEqual(refreshed.data.syncedAt);

    const overview = await getUsageOverview(customer);
    if (!overview.ok) throw new Error(overview.error.message);
    const o = overview.data;
    expect(o.syncedAt).toEqual(refreshed.data.syncedAt);
    expect(o.tier).toMatchObject({ name: "Basic", rateLimit: 10, burstLimit: 20, quotaLimit: 1000, quotaPeriod: "DAY" });
    expect(o.days).toHaveLength(30);
    expect(o.days.at(-1)).toBe(today);
    expect(o.keys).toHaveLength(1);
    expect(o.keys[0]).toMatchObject({ id: key.id, name: "usage test", status: "ACTIVE", today: 7, periodUsed: 7, quota: 1000, remaining: 993, percentUsed: 0.7 });
    expect(o.keys[0]?.resetsAt?.toISOString()).toBe(`${addDays(today, 1)}T00:00:00.000Z`);
    expect(o.keys[0]?.daily).toEqual([...Array.from({ length: 29 }, () => 0), 7]);
    expect(o.total).toMatchObject({ today: 7, periodUsed: 7, quota: 1000, remaining: 993, last30Days: 7 });
    expect(o.limitingKeyId).toBe(key.id);

    // More traffic, refreshed again: the same rows are updated, not duplicated.
    await call(key.value, 3);
    expect((await refreshUsage(customer.customerId)).ok).toBe(true);
    expect(await db.usageDay.count({ where: { apiKeyId: key.id } })).toBe(31);
    const again = await getUsageOverview(customer);
    expect(again.ok && again.data.keys[0]?.today).toBe(10);
  });

  it("counts the key's own requests, and shows AWS's remaining (the key's share of the pooled quota) as the key's", async () => {
    const { customer, key } = await customerWithKey("basic");
    await call(key.value, 5);
    await aws.send(new UpdateUsageCommand({ usagePlanId: key.usagePlanId, keyId: key.awsKeyId, patchOperations: [{ op: "replace", path: "/remaining", value: "150" }] }));
    expect((await refreshUsage(customer.customerId)).ok).toBe(true);
    const near = await getUsageOverview(customer);
    expect(near.ok && near.data.keys[0]).toMatchObject({ today: 5, periodUsed: 5, remaining: 150, percentUsed: 0.5 });
    expect(near.ok && near.data.pool).toMatchObject({ quota: 1000, used: 5, remaining: 995 });

    await aws.send(new UpdateUsageCommand({ usagePlanId: key.usagePlanId, keyId: key.awsKeyId, patchOperations: [{ op: "replace", path: "/remaining", value: "0" }] }));
    const refused = await fetch(gateway(), { headers: { "x-api-key": key.value } });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ message: "Limit Exceeded" });
    expect((await refreshUsage(customer.customerId)).ok).toBe(true);
    const full = await getUsageOverview(customer);
    if (!full.ok) throw new Error(full.error.message);
    expect(full.data.keys[0]).toMatchObject({ today: 5, periodUsed: 5, remaining: 0 });
  });

  it("shows usage without quota figures on a tier without a quota", async () => {
    const customer = await newCustomer("basic");
    const enterprise = await db.tier.findFirstOrThrow({ where: { slug: "enterprise" } });
    await db.customer.update({ where: { id: customer.customerId }, data: { tierId: enterprise.id } });
    const created = await createKey(customer, { name: "unlimited" });
    if (!created.ok || !created.data.value) throw new Error("no key");
    await call(created.data.value, 4);
    expect((await refreshUsage(customer.customerId)).ok).toBe(true);
    const row = await db.usageDay.findFirstOrThrow({ where: { apiKeyId: created.data.id, date: new Date(`${utcDay(new Date())}T00:00:00Z`) } });
    expect([row.used, row.remaining]).toEqual([4, null]);
    const overview = await getUsageOverview(customer);
    if (!overview.ok) throw new Error(overview.error.message);
    expect(overview.data.period).toBeNull();
    expect(overview.data.keys[0]).toMatchObject({ today: 4, quota: null, remaining: null, percentUsed: null, forecast: null, rateLimit: 1000, burstLimit: 2000 });
  });

  it("keeps today's requests from before a tier move: the day adds up both plans, the quota counts the new one", async () => {
    const { customer, key } = await customerWithKey("basic");
    expect(await call(key.value, 6)).toEqual(Array(6).fill(200));
    const premium = await db.tier.findFirstOrThrow({ where: { slug: "premium" } });
    const moved = await changeTier(customer, { tierId: premium.id, acknowledgePrice: true });
    if (!moved.ok) throw new Error(moved.error.message);
    expect(await call(key.value, 4)).toEqual(Array(4).fill(200));
    expect((await refreshUsage(customer.customerId)).ok).toBe(true);

    const today = new Date(`${utcDay(new Date())}T00:00:00Z`);
    const rows = await db.usageDay.findMany({ where: { apiKeyId: key.id, date: today }, orderBy: { used: "desc" } });
    expect(rows.map((r) => [r.usagePlanId, r.used])).toEqual([
      [key.usagePlanId, 6],
      [premium.usagePlanId, 4],
    ]);
    const overview = await getUsageOverview(customer);
    if (!overview.ok) throw new Error(overview.error.message);
    expect(overview.data.keys[0]).toMatchObject({ today: 10, periodUsed: 4, quota: premium.quotaLimit, period: premium.quotaPeriod });
    expect(overview.data.total.today).toBe(10);
    // The page's figures agree and say why: 6 on Basic before the move, 4 on Premium; the Premium quota counts from the move.
    const basicName = (await db.tier.findFirstOrThrow({ where: { usagePlanId: key.usagePlanId } })).name;
    expect(overview.data.keys[0]?.todayByTier.map((s) => [s.tier, s.used, s.current])).toEqual([
      [basicName, 6, false],
      [premium.name, 4, true],
    ]);
    const move = overview.data.tierMove;
    expect(move).toMatchObject({ fromTier: basicName, toTier: premium.name, fromPlanId: key.usagePlanId, toPlanId: premium.usagePlanId });
    expect(overview.data.keys[0]?.quotaSince).toEqual(move);
    expect(todaySplit(overview.data.total.todayByTier, move)).toMatch(new RegExp(`^6 on ${basicName} before you moved to ${premium.name} at \\d\\d:\\d\\d UTC, 4 on ${premium.name}$`));
  });

  it("is readable by its owner only", async () => {
    const { customer: owner, key } = await customerWithKey("basic");
    await call(key.value, 2);
    expect((await refreshUsage(owner.customerId)).ok).toBe(true);

    // Another customer sees its own (empty) usage: the customer always comes from the actor, never from input.
    const other = await newCustomer("basic");
    const theirs = await getUsageOverview(other);
    if (!theirs.ok) throw new Error(theirs.error.message);
    expect(theirs.data.keys.map((k) => k.id)).not.toContain(key.id);
    expect(theirs.data.total.today).toBe(0);

    // Staff and anonymous callers cannot read usage through this query, nor refresh it.
    const admin = await newStaff("ADMIN");
    for (const [actor, code] of [[admin, "forbidden"], [await newStaff("BILLING"), "forbidden"], [null, "unauthenticated"]] as const) {
      const read = await getUsageOverview(actor);
      expect(read.ok ? "ok" : read.error.code).toBe(code);
      const refresh = await refreshOwnUsage(actor);
      expect(refresh.ok ? "ok" : refresh.error.code).toBe(code);
    }
  });

  it("reads the page's figures without any AWS call or write, even from a cold cache; refreshing calls AWS", async () => {
    const { customer, key } = await customerWithKey("basic");
    await call(key.value, 3);

    // A page view on a never-filled cache: the overview reads the database only and changes nothing.
    const cold = await httpRequestsDuring(() => getUsageOverview(customer));
    expect(cold.requests).toEqual([]);
    expect(cold.result.ok && cold.result.data.syncedAt).toBeNull();
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } })).usageSyncedAt).toBeNull();

    // The refresh action's service: the counter sees its GetUsage call, so the zeros around it mean something.
    const refreshed = await httpRequestsDuring(() => refreshOwnUsage(customer));
    expect(refreshed.result).toMatchObject({ ok: true, data: { refreshed: true } });
    expect(refreshed.requests).toHaveLength(1);
    expect(refreshed.requests[0]).toMatch(new RegExp(`^GET /usageplans/${key.usagePlanId}/usage\\?`));

    const warm = await httpRequestsDuring(() => getUsageOverview(customer));
    expect(warm.requests).toEqual([]);
    expect(warm.result.ok && warm.result.data.keys[0]?.today).toBe(3);

    // Two refreshes at once share one set of AWS calls.
    const both = await httpRequestsDuring(() => Promise.all([refreshUsage(customer.customerId), refreshUsage(customer.customerId)]));
    expect(both.requests).toHaveLength(1);
    expect(both.result[0]).toBe(both.result[1]);
  });

  it("keeps the cached figures when AWS fails, and says so", async () => {
    const { customer, key } = await customerWithKey("basic");
    await call(key.value, 2);
    const first = await refreshUsage(customer.customerId);
    if (!first.ok) throw new Error(first.error.message);
    await call(key.value, 5);

    await setFaults([{ operation: "GetUsage", errorRate: 1, kind: "5xx" }]);
    const failed = await refreshUsage(customer.customerId);
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.error.code).toBe("unavailable");
    expect(failed.error.message).toMatch(/^Updating your usage from AWS: AWS is not reachable right now/);

    const kept = await getUsageOverview(customer);
    if (!kept.ok) throw new Error(kept.error.message);
    expect(kept.data.keys[0]?.today).toBe(2);
    expect(kept.data.syncedAt).toEqual(first.data.syncedAt);

    await setFaults([]);
    const healed = await refreshUsage(customer.customerId);
    expect(healed.ok).toBe(true);
    const fresh = await getUsageOverview(customer);
    expect(fresh.ok && fresh.data.keys[0]?.today).toBe(7);
  });

  it("still refreshes the other keys when one key was deleted in AWS behind the portal's back", async () => {
    const { customer, key } = await customerWithKey("basic");
    const second = await createKey(customer, { name: "second" });
    if (!second.ok || !second.data.value) throw new Error("no second key");
    await call(key.value, 2);
    await call(second.data.value, 3);
    await aws.send(new DeleteApiKeyCommand({ apiKey: key.awsKeyId }));
    const refreshed = await refreshUsage(customer.customerId);
    expect(refreshed.ok).toBe(true);
    const overview = await getUsageOverview(customer);
    if (!overview.ok) throw new Error(overview.error.message);
    expect(overview.data.keys.find((k) => k.id === second.data.id)?.today).toBe(3);
  });

  it("refuses a manual refresh right after the last one", async () => {
    const { customer } = await customerWithKey("basic");
    expect(await refreshOwnUsage(customer)).toMatchObject({ ok: true, data: { refreshed: true } });
    const again = await httpRequestsDuring(() => refreshOwnUsage(customer));
    expect(again.requests).toEqual([]);
    expect(again.result.ok ? "ok" : again.result.error.code).toBe("throttled");
  });

  it("refreshStaleUsage refreshes the oldest caches first, up to the limit, and leaves fresh ones alone", async () => {
    const a = await customerWithKey("basic");
    const b = await customerWithKey("basic");
    const c = await customerWithKey("premium");
    const noKeys = await newCustomer("basic");
    const recently = new Date(Date.now() - 10_000);
    // Other tests' customers are fresh for this test; a and b are the oldest, a older than b.
    await db.customer.updateMany({ data: { usageSyncedAt: recently } });
    await db.customer.update({ where: { id: a.customer.customerId }, data: { usageSyncedAt: new Date("2000-01-01T00:00:00Z") } });
    await db.customer.update({ where: { id: b.customer.customerId }, data: { usageSyncedAt: new Date("2000-01-02T00:00:00Z") } });
    await db.customer.update({ where: { id: noKeys.customerId }, data: { usageSyncedAt: null } });
    await call(a.key.value, 1);
    await call(b.key.value, 2);
    await call(c.key.value, 3);

    const syncedAt = async (id: string) => (await db.customer.findUniqueOrThrow({ where: { id }, select: { usageSyncedAt: true } })).usageSyncedAt;
    const one = await refreshStaleUsage({ olderThanMs: 60_000, limit: 1 });
    expect(one).toEqual({ refreshed: 1, failed: [] });
    expect((await syncedAt(a.customer.customerId))?.getTime()).toBeGreaterThan(recently.getTime());
    expect(await syncedAt(b.customer.customerId)).toEqual(new Date("2000-01-02T00:00:00Z"));

    const rest = await refreshStaleUsage({ olderThanMs: 60_000, limit: 10 });
    expect(rest).toEqual({ refreshed: 1, failed: [] }); // b only: c is fresh, and a customer without keys is skipped
    expect((await syncedAt(b.customer.customerId))?.getTime()).toBeGreaterThan(recently.getTime());
    expect(await syncedAt(c.customer.customerId)).toEqual(recently);
    expect(await syncedAt(noKeys.customerId)).toBeNull();
    const bToday = await getUsageOverview(b.customer);
    expect(bToday.ok && bToday.data.total.today).toBe(2);
  });
});
