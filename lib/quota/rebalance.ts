import "server-only";
import { setRemainingQuota } from "@/lib/aws/customer-quota";
import { shardsConfig } from "@/lib/shards/config";
import { withShard } from "@/lib/shards/scope";
import { planIdOnShard, tierPlansOnShard } from "@/lib/shards/shard-plans";
import { tiersForPlans } from "@/lib/shards/plan-tiers";
import { TokenBucket } from "@/lib/aws/control-plane-limits";
import { getUsage, type UsageDayReport } from "@/lib/aws/usage";
import { db } from "@/lib/db";
import { errorName } from "@/lib/operations/errors";
import { allocateRemaining, rebalanceReason } from "@/lib/quota/allocate";
import { pooledQuota, pooledQuotas } from "@/lib/quota/pooled-usage";
import { isQuotaPeriod, quotaPeriodAt } from "@/lib/usage/quota-period";
import { upsertUsageDays, type UsageDayRow } from "@/lib/usage/store-usage-days";
import { addDays, utcDay } from "@/lib/usage/utc-days";

// Enforcing the pooled quota (lib/quota/pooled-usage.ts) on AWS's own usage plans. AWS counts a quota per key, so
// the portal keeps the invariant: the AWS `remaining` of a customer's ACTIVE keys in its current plan add up to at
// most the pooled remainder R = quota + grants − pooled used. Two ways:
// - repartitionCustomer, inside the durable operations that put a key in a plan (create, rotate, move, enable,
//   extend): it reads the customer's usage for the period, stores it, and sets every key's share (UpdateUsage)
//   before the operation succeeds. Re-running it reads and writes again, so it is idempotent and resumable.
//   storeKeyUsage keeps a key's count before the key leaves a plan or AWS (revoke, move, delete customer).
// - rebalanceSweep, the worker's periodic job: one GetUsage per 500 keys per quota'd plan, and UpdateUsage only for
//   the customers where it matters (allocate.ts rebalanceReason), within a call budget.

export interface UsageKey {
  /** The portal's record id. */
  id: string;
  awsKeyId: string;
  usagePlanId: string;
}

const STORE_BATCH = 5000; // rows per INSERT (6 parameters a row, far below 65,535)

async function storeRows(rows: UsageDayRow[], fetchedAt: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += STORE_BATCH) await db.$executeRaw(upsertUsageDays(rows.slice(i, i + STORE_BATCH), fetchedAt));
}

function toRows(key: UsageKey, days: readonly UsageDayReport[], hasQuota: boolean): UsageDayRow[] {
  return days.map((d) => ({ apiKeyId: key.id, usagePlanId: key.usagePlanId, date: d.date, used: d.used, remaining: hasQuota ? d.remaining : null }));
}

async function planHasQuota(planIds: readonly string[]): Promise<Map<string, boolean>> {
  const tiers = await tiersForPlans(planIds);
  return new Map(tiers.map((t) => [t.usagePlanId, t.quotaLimit !== null]));
}

/**
 * Reads the keys' usage from `startDate` through today (GetUsage per key, in its plan) and stores it. A key AWS no
 * longer knows, or that is not in the plan, is skipped (its stored figures stay). Returns each key's days, by record id.
 */
export async function storeKeyUsage(keys: readonly UsageKey[], startDate: string, now: Date = new Date()): Promise<Map<string, UsageDayReport[]>> {
  const endDate = utcDay(now);
  const from = startDate > endDate ? endDate : startDate;
  const hasQuota = await planHasQuota([...new Set(keys.map((k) => k.usagePlanId))]);
  const byKey = new Map<string, UsageDayReport[]>();
  const rows: UsageDayRow[] = [];
  for (const key of keys) {
    try {
      const days = (await getUsage(key.usagePlanId, { startDate: from, endDate, keyId: key.awsKeyId })).get(key.awsKeyId);
      if (!days) continue; // not in that plan (any more): nothing to store, no share to give
      byKey.set(key.id, days);
      rows.push(...toRows(key, days, hasQuota.get(key.usagePlanId) ?? true));
    } catch (error) {
      if (errorName(error) !== "NotFoundException") throw error;
    }
  }
  if (rows.length) await storeRows(rows, now);
  return byKey;
}

/** Before a key leaves its plan or AWS: its usage for the last 31 days (any quota period) is stored. */
export async function storeUsageBeforeRemoval(key: UsageKey, now: Date = new Date()): Promise<void> {
  await storeKeyUsage([key], addDays(utcDay(now), -30), now);
}

/** Notes that a key of the customer got a fresh AWS quota this period: the sweep watches it until the period ends. */
export async function markPoolChanged(customerId: string, at: Date = new Date()): Promise<void> {
  await db.quotaPoolChange.upsert({ where: { customerId }, create: { customerId, changedAt: at }, update: { changedAt: at } });
}

export interface Repartition {
  /** The pooled remainder split; null when the tier has no quota (nothing to do). */
  pooledRemaining: number | null;
  shares: Record<string, number>;
  getUsageCalls: number;
  updateUsageCalls: number;
}

/**
 * Splits the customer's pooled remainder over its ACTIVE keys in the plan of `tierId` (default: its tier), plus the
 * keys in `include` (a key being added: provisioned, rotated in, enabled) and sets each key's AWS remaining. Reads the
 * period's usage of every provisioned key of the customer first (GetUsage per key) and stores it, so the pool is
 * exact at this moment. Safe to re-run. Keys in `fresh` were created in AWS by the caller just now and their value
 * has not been handed out, so nothing can have used them: they are not read (AWS has them at zero used and the
 * plan's full quota), which saves a control-plane call per new key.
 */
export async function repartitionCustomer(
  customerId: string,
  { include = [], fresh = [], tierId, now = new Date() }: { include?: readonly string[]; fresh?: readonly string[]; tierId?: string; now?: Date } = {},
): Promise<Repartition> {
  const customer = await db.customer.findUniqueOrThrow({
    where: { id: customerId },
    select: { tierId: true, shardId: true, tier: { select: { id: true, usagePlanId: true, quotaLimit: true, quotaPeriod: true } } },
  });
  const chosen = tierId && tierId !== customer.tierId ? await db.tier.findUniqueOrThrow({ where: { id: tierId } }) : customer.tier;
  const empty: Repartition = { pooledRemaining: null, shares: {}, getUsageCalls: 0, updateUsageCalls: 0 };
  if (chosen.quotaLimit === null || !isQuotaPeriod(chosen.quotaPeriod)) return empty;
  // The tier's plan on the customer's shard (the same as the tier's own on a single account).
  const tier = { ...chosen, quotaPeriod: chosen.quotaPeriod, usagePlanId: await planIdOnShard(customer.shardId, chosen.id) };
  const window = quotaPeriodAt(tier.quotaPeriod, now);

  const records = await db.apiKey.findMany({
    where: { customerId, awsKeyId: { not: null }, OR: [{ status: { in: ["ACTIVE", "DISABLED"] } }, { id: { in: [...include] } }] },
    select: { id: true, awsKeyId: true, usagePlanId: true, status: true },
    orderBy: { createdAt: "asc" },
  });
  const includeSet = new Set(include);
  // A key being added is read (and counted) in the plan it is being added to.
  const keys = records.map((r) => ({
    id: r.id,
    awsKeyId: r.awsKeyId ?? "",
    usagePlanId: includeSet.has(r.id) ? tier.usagePlanId : r.usagePlanId,
    status: r.status,
  }));
  const freshSet = new Set(fresh.filter((id) => includeSet.has(id)));
  const usage = await storeKeyUsage(keys.filter((k) => !freshSet.has(k.id)), utcDay(window.start), now);
  for (const id of freshSet) usage.set(id, []);
  await markPoolChanged(customerId, now);

  const pool = await pooledQuota(customerId, now, tier.id);
  const getUsageCalls = keys.length - freshSet.size;
  if (!pool || pool.remaining === null) return { ...empty, getUsageCalls };
  // Keys AWS did not report in the plan (deleted or moved behind the portal's back) get no share: reconcile repairs them.
  const targets = keys.filter((k) => k.usagePlanId === tier.usagePlanId && usage.has(k.id) && (k.status === "ACTIVE" || includeSet.has(k.id)));
  const shares = allocateRemaining(
    pool.remaining,
    targets.map((k) => ({ id: k.id, used: (usage.get(k.id) ?? []).reduce((sum, d) => sum + d.used, 0) })),
  );
  const today = utcDay(now);
  let updates = 0;
  for (const key of targets) {
    const share = shares.get(key.id) ?? 0;
    const current = freshSet.has(key.id) ? tier.quotaLimit : usage.get(key.id)?.find((d) => d.date === today)?.remaining;
    if (current === share) continue;
    try {
      await setRemainingQuota(tier.usagePlanId, key.awsKeyId, share);
    } catch (error) {
      if (errorName(error) !== "NotFoundException") throw error; // gone since the read: reconcile repairs it
    }
    updates += 1;
  }
  return { pooledRemaining: pool.remaining, shares: Object.fromEntries(shares), getUsageCalls, updateUsageCalls: updates };
}

export interface SweepSummary {
  plans: number;
  keysRead: number;
  getUsageCalls: number;
  updateUsageCalls: number;
  customersRebalanced: number;
  /** Customers skipped because one of their operations was running (it repartitions them itself). */
  customersBusy: number;
  plansFailed: { usagePlanId: string; message: string }[];
}

/** Default share of the account's 10 control-plane requests/s the sweep may use (GATEHOUSE_REBALANCE_CALLS_PER_SECOND). */
export const DEFAULT_REBALANCE_CALLS_PER_SECOND = 3;

// Per plan, the window whose earlier days this process has stored already: later sweeps read and store only
// yesterday and today (the days that still change), so a month of 10,000 busy keys is not rewritten every sweep.
const storedWindow = new Map<string, string>();

/**
 * One pass over every usage plan of a tier with a quota: reads the plan's usage (GetUsage without keyId, pages of
 * 500), stores it, and rebalances the customers that need it. Calls are paced to `callsPerSecond` (on top of the
 * process-wide account pacing in lib/aws/clients.ts).
 */
export async function rebalanceSweep({
  now = () => new Date(),
  callsPerSecond = Number(process.env.GATEHOUSE_REBALANCE_CALLS_PER_SECOND ?? DEFAULT_REBALANCE_CALLS_PER_SECOND),
}: { now?: () => Date; callsPerSecond?: number } = {}): Promise<SweepSummary> {
  const rate = Number.isFinite(callsPerSecond) && callsPerSecond > 0 ? callsPerSecond : DEFAULT_REBALANCE_CALLS_PER_SECOND;
  const bucket = new TokenBucket({ ratePerSecond: rate, burst: Math.max(1, Math.ceil(rate)) });
  const pace = async () => {
    const wait = bucket.reserve();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  };
  const summary: SweepSummary = { plans: 0, keysRead: 0, getUsageCalls: 0, updateUsageCalls: 0, customersRebalanced: 0, customersBusy: 0, plansFailed: [] };
  const tiers = await db.tier.findMany({ where: { quotaLimit: { not: null }, quotaPeriod: { not: null } }, orderBy: { sortOrder: "asc" } });
  // Every shard's copy of each tier's plan, in that shard's account (its own pacing).
  for (const shard of shardsConfig()) {
    const plansOnShard = await tierPlansOnShard(shard.id);
    for (const tier of tiers) {
      const quotaLimit = tier.quotaLimit;
      const usagePlanId = plansOnShard.get(tier.id);
      if (quotaLimit === null || !isQuotaPeriod(tier.quotaPeriod) || !usagePlanId) continue;
      try {
        await withShard(shard.id, () => sweepPlan({ ...tier, quotaLimit, usagePlanId }, now(), pace, summary));
        summary.plans += 1;
      } catch (error) {
        summary.plansFailed.push({ usagePlanId, message: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : "unknown" });
      }
    }
  }
  return summary;
}

async function sweepPlan(
  tier: { id: string; usagePlanId: string; quotaLimit: number; quotaPeriod: string | null },
  at: Date,
  pace: () => Promise<void>,
  summary: SweepSummary,
): Promise<void> {
  if (!isQuotaPeriod(tier.quotaPeriod)) return;
  const window = quotaPeriodAt(tier.quotaPeriod, at);
  const windowStart = utcDay(window.start);
  const today = utcDay(at);
  const yesterday = addDays(today, -1);
  const storedFrom = storedWindow.get(tier.usagePlanId) === windowStart ? (yesterday > windowStart ? yesterday : windowStart) : windowStart;

  const byAwsKey = await getUsage(tier.usagePlanId, {
    startDate: windowStart,
    endDate: today,
    beforePage: async () => {
      await pace();
      summary.getUsageCalls += 1;
    },
  });
  summary.keysRead += byAwsKey.size;
  const records = await db.apiKey.findMany({
    where: { awsKeyId: { in: [...byAwsKey.keys()] } },
    select: { id: true, awsKeyId: true, customerId: true, status: true, usagePlanId: true, customer: { select: { tierId: true, status: true } } },
  });
  const rows: UsageDayRow[] = [];
  for (const r of records) {
    const days = byAwsKey.get(r.awsKeyId ?? "") ?? [];
    for (const d of days) {
      if (d.date < storedFrom || (d.used === 0 && d.date !== today)) continue;
      rows.push({ apiKeyId: r.id, usagePlanId: tier.usagePlanId, date: d.date, used: d.used, remaining: d.remaining });
    }
  }
  await storeRows(rows, at);
  storedWindow.set(tier.usagePlanId, windowStart);

  // The customers of this tier with ACTIVE keys in its plan, and AWS's remaining of each key today.
  const byCustomer = new Map<string, { id: string; awsKeyId: string; remaining: number; used: number }[]>();
  for (const r of records) {
    if (r.status !== "ACTIVE" || r.customer.tierId !== tier.id || r.customer.status === "DELETED" || r.usagePlanId !== tier.usagePlanId) continue;
    const days = byAwsKey.get(r.awsKeyId ?? "") ?? [];
    const last = days.find((d) => d.date === today);
    const list = byCustomer.get(r.customerId) ?? [];
    list.push({
      id: r.id,
      awsKeyId: r.awsKeyId ?? "",
      remaining: last ? last.remaining : tier.quotaLimit,
      used: days.reduce((sum, d) => sum + d.used, 0),
    });
    byCustomer.set(r.customerId, list);
  }
  if (byCustomer.size === 0) return;
  const ids = [...byCustomer.keys()];
  const [pools, changes, busy] = await Promise.all([
    pooledQuotas(ids, at),
    db.quotaPoolChange.findMany({ where: { customerId: { in: ids }, changedAt: { gte: window.start } }, select: { customerId: true } }),
    db.operation.findMany({ where: { customerId: { in: ids }, status: "RUNNING" }, select: { customerId: true } }),
  ]);
  const changed = new Set(changes.map((c) => c.customerId));
  const running = new Set(busy.map((b) => b.customerId));
  for (const [customerId, keys] of byCustomer) {
    const pool = pools.get(customerId);
    if (!pool || pool.quota === null || pool.remaining === null) continue;
    const reason = rebalanceReason({ quota: pool.quota, used: pool.used, keys, changedThisPeriod: changed.has(customerId) });
    if (!reason) continue;
    if (running.has(customerId)) {
      summary.customersBusy += 1;
      continue;
    }
    const shares = allocateRemaining(pool.remaining, keys);
    let wrote = false;
    for (const key of keys) {
      const share = shares.get(key.id) ?? 0;
      if (share === key.remaining) continue;
      await pace();
      try {
        await setRemainingQuota(tier.usagePlanId, key.awsKeyId, share);
      } catch (error) {
        // The key left the plan since the read (revoked, moved): the operation that moved it repartitions.
        if (errorName(error) !== "NotFoundException") throw error;
      }
      summary.updateUsageCalls += 1;
      wrote = true;
    }
    if (wrote) summary.customersRebalanced += 1;
  }
}
