import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma";
import { isQuotaPeriod, quotaPeriodAt, type QuotaWindow } from "@/lib/usage/quota-period";
import { dayStart, utcDay } from "@/lib/usage/utc-days";

// A tier's quota belongs to the customer, not to each key: the requests counted against it are every request any of
// the customer's keys made in the current quota period of the customer's tier, in any usage plan (a key moved
// between plans, a rotated key, a revoked key all count). The figures come from the stored UsageDay rows (their daily
// per-customer rollup, CustomerUsageDay), so they are as fresh as the last GetUsage read. An admin's extension
// (QuotaGrant) adds to the quota of the period it was made for. This module is the one home of that rule;
// lib/quota/rebalance.ts enforces it on AWS.

export interface PooledQuota {
  customerId: string;
  tierId: string;
  /** The tier's quota for the period plus the grants for it; null when the tier has none (then nothing is pooled). */
  quota: number | null;
  /** Requests an admin granted on top of the tier's quota for this period (EXTEND_QUOTA), included in `quota`. */
  granted: number;
  /** The current quota period of the customer's tier; null without a quota. */
  window: QuotaWindow | null;
  /** Requests of all the customer's keys in the window (or today, without a quota). */
  used: number;
  /** quota − used, never below 0; null without a quota. */
  remaining: number | null;
}

/**
 * The pooled quota of the given customers (or of every customer not deleted), at `now`. One aggregate query per tier
 * with a quota, whatever the number of customers.
 */
export async function pooledQuotas(
  customerIds: readonly string[] | "all",
  now: Date = new Date(),
  { tierOverride }: { tierOverride?: { customerId: string; tierId: string } } = {},
): Promise<Map<string, PooledQuota>> {
  const found = await db.customer.findMany({
    where: { status: { not: "DELETED" }, ...(customerIds === "all" ? {} : { id: { in: [...customerIds] } }) },
    select: { id: true, tierId: true, tier: { select: { quotaLimit: true, quotaPeriod: true } } },
  });
  // A tier move computes the pool under the tier the customer is moving to, before the move is recorded.
  const overrideTier = tierOverride
    ? await db.tier.findUniqueOrThrow({ where: { id: tierOverride.tierId }, select: { quotaLimit: true, quotaPeriod: true } })
    : null;
  const customers = found.map((c) =>
    overrideTier && tierOverride?.customerId === c.id ? { ...c, tierId: tierOverride.tierId, tier: overrideTier } : c,
  );
  const result = new Map<string, PooledQuota>();
  const today = utcDay(now);
  const byTier = new Map<string, { window: QuotaWindow | null; quota: number | null; ids: string[] }>();
  for (const c of customers) {
    let group = byTier.get(c.tierId);
    if (!group) {
      const quota = c.tier.quotaLimit;
      const window = quota !== null && isQuotaPeriod(c.tier.quotaPeriod) ? quotaPeriodAt(c.tier.quotaPeriod, now) : null;
      group = { window, quota: window ? quota : null, ids: [] };
      byTier.set(c.tierId, group);
    }
    group.ids.push(c.id);
    result.set(c.id, { customerId: c.id, tierId: c.tierId, quota: group.quota, granted: 0, window: group.window, used: 0, remaining: group.quota });
  }
  for (const [, group] of byTier) {
    if (group.ids.length === 0) continue;
    const from = group.window ? utcDay(group.window.start) : today;
    const sums = await db.$queryRaw<{ customerId: string; used: bigint }[]>(Prisma.sql`
      SELECT u."customerId", SUM(u."used")::bigint AS used
      FROM "CustomerUsageDay" u
      WHERE u."customerId" = ANY(${group.ids}::text[]) AND u."date" >= ${from}::date AND u."date" <= ${today}::date
      GROUP BY u."customerId"`);
    for (const row of sums) {
      const entry = result.get(row.customerId);
      if (entry) entry.used = Number(row.used);
    }
    if (group.window) {
      const grants = await db.quotaGrant.groupBy({
        by: ["customerId"],
        where: { customerId: { in: group.ids }, periodStart: dayStart(utcDay(group.window.start)) },
        _sum: { extra: true },
      });
      for (const g of grants) {
        const entry = result.get(g.customerId);
        if (entry && entry.quota !== null) {
          entry.granted = g._sum.extra ?? 0;
          entry.quota += entry.granted;
        }
      }
    }
  }
  for (const entry of result.values()) entry.remaining = entry.quota === null ? null : Math.max(0, entry.quota - entry.used);
  return result;
}

/** One customer's pooled quota; null when the customer does not exist or is deleted. */
export async function pooledQuota(customerId: string, now: Date = new Date(), tierId?: string): Promise<PooledQuota | null> {
  const options = tierId ? { tierOverride: { customerId, tierId } } : {};
  return (await pooledQuotas([customerId], now, options)).get(customerId) ?? null;
}
