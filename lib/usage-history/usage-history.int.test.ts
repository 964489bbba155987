import { randomUUID } from "node:crypto";
import { APIGatewayClient, CreateUsagePlanCommand, GetRestApisCommand, ImportApiKeysCommand } from "@aws-sdk/client-api-gateway";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { deleteOwnAccount } from "@/lib/account/delete-account";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/create-key";
import { addDays, dayStart, utcDay } from "@/lib/usage/utc-days";
import { createSnapshotRun } from "@/lib/usage-history/create-snapshot-run";
import { ensureDailySnapshot } from "@/lib/usage-history/daily-snapshot";
import { claimAndRunSnapshot } from "@/lib/usage-history/run-snapshot";
import { claimSnapshotRun } from "@/lib/usage-history/snapshot-lease";
import { startManualSnapshot } from "@/lib/usage-history/start-snapshot";
import { settleBackground } from "@/lib/background";
import { ensureTiers, newCustomer, newStaff } from "@/test/fixtures";
import { setFaults } from "@/test/local-aws-faults";

// Real GetUsage against local AWS, a real database. Keys are made in bulk with ImportApiKeys (one real AWS call)
// and their portal records inserted directly: the snapshot reads AWS and the records, not how they were made.
const aws = new APIGatewayClient({ maxAttempts: 1 });
const today = utcDay(new Date());

async function backfill(entries: { usagePlanId: string; keyId: string; days: { date: string; used: number }[] }[]) {
  for (let i = 0; i < entries.length; i += 5000) {
    const res = await fetch(`${process.env.AWS_ENDPOINT_URL}/_localaws/usage/backfill`, { method: "POST", body: JSON.stringify({ entries: entries.slice(i, i + 5000) }) });
    if (!res.ok) throw new Error(`backfill: ${res.status} ${await res.text()}`);
  }
}

/** A new usage plan on the demo stage with `keys` keys in AWS; the first `known` of them have portal records. */
async function planWithKeys(keys: number, known = keys) {
  const tag = randomUUID().slice(0, 8);
  const apis = await aws.send(new GetRestApisCommand({}));
  const stage = { apiId: apis.items?.[0]?.id ?? "", stage: "prod" };
  const plan = await aws.send(new CreateUsagePlanCommand({ name: `history-${tag}`, apiStages: [{ apiId: stage.apiId, stage: stage.stage }], quota: { limit: 100_000, period: "MONTH" } }));
  const planId = plan.id ?? "";
  const csv = ["Name,Key,Enabled,UsagePlanIds", ...Array.from({ length: keys }, (_, i) => `hist-${tag}-${i},hist-${tag}-value-${String(i).padStart(6, "0")}-xxxxxxxx,true,${planId}`)].join("\n");
  const imported = await aws.send(new ImportApiKeysCommand({ body: new TextEncoder().encode(csv), format: "csv", failOnWarnings: true }));
  const awsKeyIds = imported.ids ?? [];
  expect(awsKeyIds).toHaveLength(keys);
  const customer = await newCustomer("basic");
  const records = awsKeyIds.slice(0, known).map((awsKeyId, i) => ({ id: `hk_${tag}_${i}`, customerId: customer.customerId, name: `history ${i}`, awsKeyId, usagePlanId: planId, status: "ACTIVE" as const }));
  for (let i = 0; i < records.length; i += 1000) await db.apiKey.createMany({ data: records.slice(i, i + 1000) });
  return { planId, awsKeyIds, portalIds: records.map((r) => r.id), customer };
}

async function runToEnd(runId: string) {
  const result = await claimAndRunSnapshot({ runId, backoffMs: 10 });
  expect(result?.runId).toBe(runId);
  return db.usageSnapshotRun.findUniqueOrThrow({ where: { id: runId } });
}

const stored = (portalIds: string[], planId: string) => db.usageDay.count({ where: { apiKeyId: { in: portalIds }, usagePlanId: planId } });

// Generous timeouts: a thousand keys' pages are stored in seconds, but shared CI machines can be slow.
describe("usage history snapshots: GetUsage per plan → UsageDay", { timeout: 240_000 }, () => {
  beforeAll(async () => {
    await ensureTiers();
  });
  afterEach(async () => {
    await setFaults([]);
  });

  it("pages through a plan of 1,200 keys 500 at a time, stores every key's days, and counts keys the portal does not know", async () => {
    const { planId, awsKeyIds, portalIds } = await planWithKeys(1200, 1150);
    const from = addDays(today, -6);
    await backfill(awsKeyIds.map((keyId, i) => ({ usagePlanId: planId, keyId, days: [{ date: from, used: i + 1 }, { date: today, used: 2 * i + 1 }] })));

    const run = await createSnapshotRun({ trigger: "MANUAL", from, to: today, planIds: [planId] });
    const done = await runToEnd(run.id);
    expect(done).toMatchObject({ status: "SUCCEEDED", plansDone: 1, plansTotal: 1, pages: 3, getUsageCalls: 3, rowsStored: 1150 * 7, keysSkipped: 50, lockedBy: null });
    expect(await stored(portalIds, planId)).toBe(1150 * 7);
    const sample = await db.usageDay.findMany({ where: { apiKeyId: { in: [portalIds[0] ?? "", portalIds[999] ?? ""] }, usagePlanId: planId, used: { gt: 0 } }, orderBy: [{ apiKeyId: "asc" }, { date: "asc" }] });
    expect(sample.map((d) => [d.apiKeyId, utcDay(d.date), d.used])).toEqual(
      [
        [portalIds[0], from, 1],
        [portalIds[0], today, 1],
        [portalIds[999], from, 1000],
        [portalIds[999], today, 1999],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1]))),
    );
  });

  it("splits a range longer than 90 days into GetUsage calls of at most 90 days (local AWS refuses more, like AWS)", async () => {
    const { planId, awsKeyIds, portalIds } = await planWithKeys(10);
    const from = addDays(today, -119);
    await backfill(awsKeyIds.map((keyId) => ({ usagePlanId: planId, keyId, days: [{ date: addDays(today, -100), used: 7 }, { date: addDays(today, -1), used: 9 }] })));
    const done = await runToEnd((await createSnapshotRun({ trigger: "MANUAL", from, to: today, planIds: [planId] })).id);
    expect(done).toMatchObject({ status: "SUCCEEDED", getUsageCalls: 2, pages: 2, rowsStored: 10 * 120 });
    expect(await stored(portalIds, planId)).toBe(10 * 120);
    const used = await db.usageDay.groupBy({ by: ["date"], where: { apiKeyId: { in: portalIds }, usagePlanId: planId, used: { gt: 0 } }, _sum: { used: true } });
    expect(used.map((u) => [utcDay(u.date), u._sum.used]).sort()).toEqual([
      [addDays(today, -100), 70],
      [addDays(today, -1), 90],
    ]);
  });

  it("resumes an interrupted run from its cursor once the lease runs out, without reading pages again; rerunning changes nothing", async () => {
    const { planId, awsKeyIds, portalIds } = await planWithKeys(1100);
    const from = addDays(today, -2);
    await backfill(awsKeyIds.map((keyId, i) => ({ usagePlanId: planId, keyId, days: [{ date: from, used: i % 50 }] })));
    const run = await createSnapshotRun({ trigger: "MANUAL", from, to: today, planIds: [planId] });

    // The first process stores one page and "crashes": its lease still holds, so nobody else may take the run.
    expect(await claimAndRunSnapshot({ runId: run.id, owner: "worker-a", stopAfterPages: 1 })).toEqual({ runId: run.id, outcome: "stopped" });
    const interrupted = await db.usageSnapshotRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(interrupted).toMatchObject({ status: "RUNNING", lockedBy: "worker-a", pages: 1, getUsageCalls: 1, rowsStored: 500 * 3 });
    expect(interrupted.position).toBeTruthy();
    expect(await stored(portalIds, planId)).toBe(500 * 3);
    expect(await claimSnapshotRun("worker-b", { runId: run.id })).toBeNull();

    // The lease runs out; another worker continues from the saved position.
    await db.usageSnapshotRun.update({ where: { id: run.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect(await claimAndRunSnapshot({ runId: run.id, owner: "worker-b" })).toEqual({ runId: run.id, outcome: "succeeded" });
    const done = await db.usageSnapshotRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(done).toMatchObject({ status: "SUCCEEDED", pages: 3, getUsageCalls: 3, rowsStored: 1100 * 3 });
    expect(await stored(portalIds, planId)).toBe(1100 * 3);
    const before = await db.usageDay.aggregate({ where: { apiKeyId: { in: portalIds }, usagePlanId: planId }, _sum: { used: true }, _count: { _all: true } });
    expect(before._sum.used).toBe(awsKeyIds.reduce((sum, _k, i) => sum + (i % 50), 0));

    // The same range again: the same rows, the same figures.
    await runToEnd((await createSnapshotRun({ trigger: "MANUAL", from, to: today, planIds: [planId] })).id);
    const after = await db.usageDay.aggregate({ where: { apiKeyId: { in: portalIds }, usagePlanId: planId }, _sum: { used: true }, _count: { _all: true } });
    expect(after).toEqual(before);
  });

  it("gives a run to exactly one of two concurrent claimers", async () => {
    const { planId } = await planWithKeys(1);
    const run = await createSnapshotRun({ trigger: "MANUAL", from: today, to: today, planIds: [planId] });
    const claims = await Promise.all([claimSnapshotRun("claimer-1", { runId: run.id }), claimSnapshotRun("claimer-2", { runId: run.id })]);
    expect(claims.filter((c) => c === run.id)).toHaveLength(1);
    expect(claims.filter((c) => c === null)).toHaveLength(1);
    const row = await db.usageSnapshotRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(["claimer-1", "claimer-2"]).toContain(row.lockedBy);
    // The loser cannot run it either, and the holder can.
    expect(await claimAndRunSnapshot({ runId: run.id, owner: "claimer-3" })).toBeNull();
  });

  it("keeps going through AWS throttling, retrying after a pause, and loses no page", async () => {
    const { planId, awsKeyIds, portalIds } = await planWithKeys(1001);
    await backfill(awsKeyIds.map((keyId) => ({ usagePlanId: planId, keyId, days: [{ date: today, used: 3 }] })));
    await setFaults([{ operation: "GetUsage", errorRate: 0.6, kind: "throttle" }], 7);
    const done = await runToEnd((await createSnapshotRun({ trigger: "MANUAL", from: today, to: today, planIds: [planId] })).id);
    await setFaults([]);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.pages).toBe(3);
    expect(done.retries).toBeGreaterThan(0);
    expect(done.getUsageCalls).toBe(3 + done.retries);
    const sum = await db.usageDay.aggregate({ where: { apiKeyId: { in: portalIds }, usagePlanId: planId }, _sum: { used: true } });
    expect(sum._sum.used).toBe(1001 * 3);
  });

  it("keeps the stored days of revoked keys and deleted customers, and a later snapshot leaves them as they were", async () => {
    const customer = await newCustomer("basic");
    const created = await createKey(customer, { name: "to be deleted" });
    if (!created.ok) throw new Error(created.error.message);
    const key = await db.apiKey.findUniqueOrThrow({ where: { id: created.data.id } });
    const day = addDays(today, -3);
    await backfill([{ usagePlanId: key.usagePlanId, keyId: key.awsKeyId ?? "", days: [{ date: day, used: 42 }] }]);
    await runToEnd((await createSnapshotRun({ trigger: "MANUAL", from: day, to: today, planIds: [key.usagePlanId] })).id);
    expect(await db.usageDay.findUnique({ where: { apiKeyId_usagePlanId_date: { apiKeyId: key.id, usagePlanId: key.usagePlanId, date: dayStart(day) } } })).toMatchObject({ used: 42 });

    const deleted = await deleteOwnAccount(customer, { password: "a-long-password", confirm: "DELETE" });
    if (!deleted.ok) throw new Error(deleted.error.message);
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).toMatchObject({ status: "REVOKED" });
    expect(await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } })).toMatchObject({ status: "DELETED" });

    await runToEnd((await createSnapshotRun({ trigger: "MANUAL", from: day, to: today, planIds: [key.usagePlanId] })).id);
    // The revocation itself stored the key's recent days first (lib/quota: its count must not be lost); the snapshot
    // range's four days are there, as they were.
    const kept = (await db.usageDay.findMany({ where: { apiKeyId: key.id } })).filter((d) => utcDay(d.date) >= day);
    expect(kept).toHaveLength(4);
    expect(kept.find((d) => utcDay(d.date) === day)?.used).toBe(42);
  });

  it("queues one scheduled run per UTC day (a backfill first), and manual runs only within AWS's window, audited", async () => {
    const now = new Date();
    const first = await ensureDailySnapshot(now);
    const again = await ensureDailySnapshot(now);
    expect(again.created).toBe(false);
    const scheduled = await db.usageSnapshotRun.findUniqueOrThrow({ where: { scheduledDay: dayStart(today) } });
    if (first.created) expect(utcDay(scheduled.fromDate) <= addDays(today, -1)).toBe(true);
    expect(utcDay(scheduled.toDate)).toBe(today);
    await db.usageSnapshotRun.update({ where: { id: scheduled.id }, data: { status: "SUCCEEDED", lockedUntil: new Date() } });

    const billing = await newStaff("BILLING");
    const tooOld = await startManualSnapshot(billing, { from: addDays(today, -200), to: today });
    expect(tooOld).toMatchObject({ ok: false, error: { code: "invalid" } });
    if (!tooOld.ok) expect(tooOld.error.fieldErrors?.from?.[0]).toContain("90 days");
    const future = await startManualSnapshot(billing, { from: today, to: addDays(today, 1) });
    expect(future).toMatchObject({ ok: false, error: { code: "invalid", fieldErrors: { to: [expect.stringContaining("after today")] } } });
    const reversed = await startManualSnapshot(billing, { from: today, to: addDays(today, -1) });
    expect(reversed).toMatchObject({ ok: false, error: { code: "invalid", fieldErrors: { to: [expect.stringContaining("on or after")] } } });
    const customer = await newCustomer("basic");
    expect(await startManualSnapshot(customer, { from: today, to: today })).toMatchObject({ ok: false, error: { code: "forbidden" } });

    const started = await startManualSnapshot(billing, { from: addDays(today, -1), to: today });
    if (!started.ok) throw new Error(started.error.message);
    await settleBackground();
    expect(await db.usageSnapshotRun.findUniqueOrThrow({ where: { id: started.data.runId } })).toMatchObject({ status: "SUCCEEDED", trigger: "MANUAL", createdByEmail: billing.email });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "usage_history.snapshot", targetId: started.data.runId } });
    expect(audit).toMatchObject({ actorEmail: billing.email, outcome: "success" });
  });
});
