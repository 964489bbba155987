import "server-only";
import { isProvisionedKey, PROVISIONED_KEY_STATUSES } from "@/lib/keys/key-status";
import { db } from "@/lib/db";
import { tiersForPlans } from "@/lib/shards/plan-tiers";
import { pooledQuota } from "@/lib/quota/pooled-usage";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { buildUsageOverview, CHART_DAYS, type TierLimits, type UsageOverview } from "@/lib/usage/overview";
import { isQuotaPeriod } from "@/lib/usage/quota-period";
import { SYNC_DAYS } from "@/lib/usage/refresh-policy";
import type { TierMove } from "@/lib/usage/tier-moves";
import { z } from "zod";
import { addDays, dayStart, utcDay } from "@/lib/usage/utc-days";

const tierLimits = (t: { rateLimit: number; burstLimit: number; quotaLimit: number | null; quotaPeriod: string | null }): TierLimits => ({
  rateLimit: t.rateLimit,
  burstLimit: t.burstLimit,
  quotaLimit: t.quotaLimit,
  quotaPeriod: isQuotaPeriod(t.quotaPeriod) ? t.quotaPeriod : null,
});

/**
 * The actor's own usage, per key and in total, from the database only (UsageDay rows written by refreshUsage): it
 * never calls AWS, so a page view on a warm cache costs no AWS request. `syncedAt` says how old the figures are.
 */
export async function getUsageOverview(actor: Actor | null, { now = new Date() }: { now?: Date } = {}): Promise<Result<UsageOverview>> {
  const customerId = actor?.customerId ?? "";
  const allowed = authorize(actor, "usage.read", { customerId });
  if (!allowed.ok) return allowed;

  const customer = await db.customer.findUnique({
    where: { id: customerId },
    select: {
      usageSyncedAt: true,
      tier: { select: { name: true, rateLimit: true, burstLimit: true, quotaLimit: true, quotaPeriod: true } },
    },
  });
  if (!customer) return fail("not_found", "Your customer account was not found.");

  // A month-long quota period can start 30 days before today; the chart covers the last 30 days.
  const today = utcDay(now);
  const from = dayStart(addDays(today, -(Math.max(CHART_DAYS, SYNC_DAYS) - 1)));
  const keys = await db.apiKey.findMany({
    where: {
      customerId,
      OR: [{ status: { in: PROVISIONED_KEY_STATUSES } }, { status: "REVOKED", usageDays: { some: { date: { gte: from }, used: { gt: 0 } } } }],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      lastFour: true,
      status: true,
      createdAt: true,
      usagePlanId: true,
      rotatedFromId: true,
      usageDays: { where: { date: { gte: from, lte: dayStart(today) } }, select: { date: true, usagePlanId: true, used: true, remaining: true } },
    },
  });
  const plans = [...new Set([...keys.map((k) => k.usagePlanId), ...keys.flatMap((k) => k.usageDays.map((d) => d.usagePlanId))])];
  const [tiers, moveOps] = await Promise.all([
    // Tiers by plan id, shard copies of the tiers' plans included.
    tiersForPlans(plans),
    // Finished tier moves in the chart's days: the usage page says how they split the figures.
    db.operation.findMany({
      where: { customerId, kind: "MOVE_TIER", status: "SUCCEEDED", finishedAt: { gte: from } },
      orderBy: { finishedAt: "asc" },
      select: { input: true, finishedAt: true },
    }),
  ]);
  const moves = await tierMoves(moveOps);
  const limitsByPlan = new Map(tiers.map((t) => [t.usagePlanId, tierLimits(t)]));
  const customerLimits = tierLimits(customer.tier);

  const pool = await pooledQuota(customerId, now);
  const overview = buildUsageOverview({
      now,
      syncedAt: customer.usageSyncedAt,
      tier: { name: customer.tier.name, ...customerLimits },
      keys: keys.flatMap((k) =>
        isProvisionedKey(k.status) || k.status === "REVOKED"
          ? [
              {
                id: k.id,
                name: k.name,
                lastFour: k.lastFour,
                status: k.status,
                createdAt: k.createdAt,
                rotatedFromId: k.rotatedFromId,
                usagePlanId: k.usagePlanId,
                limits: limitsByPlan.get(k.usagePlanId) ?? customerLimits,
              },
            ]
          : [],
      ),
      plans: tiers.map((t) => ({ usagePlanId: t.usagePlanId, tier: t.name })),
      moves,
      days: keys.flatMap((k) =>
        k.usageDays.map((d) => ({ apiKeyId: k.id, usagePlanId: d.usagePlanId, date: utcDay(d.date), used: d.used, remaining: d.remaining })),
      ),
  });
  return ok({
    ...overview,
    pool: pool && { quota: pool.quota, granted: pool.granted, used: pool.used, remaining: pool.remaining, resetsAt: pool.window?.end ?? null },
  });
}

const moveInput = z.object({ fromTierId: z.string(), toTierId: z.string() });

/** MOVE_TIER operations as moves between usage plans, named by tier (an operation naming an unknown tier is skipped). */
async function tierMoves(ops: { input: unknown; finishedAt: Date | null }[]): Promise<TierMove[]> {
  const parsed = ops.flatMap((op) => {
    const input = moveInput.safeParse(op.input);
    return input.success && op.finishedAt ? [{ ...input.data, at: op.finishedAt }] : [];
  });
  if (parsed.length === 0) return [];
  const ids = [...new Set(parsed.flatMap((m) => [m.fromTierId, m.toTierId]))];
  const tiers = new Map((await db.tier.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, usagePlanId: true } })).map((t) => [t.id, t]));
  return parsed.flatMap((m) => {
    const from = tiers.get(m.fromTierId);
    const to = tiers.get(m.toTierId);
    return from && to ? [{ at: m.at, fromPlanId: from.usagePlanId, toPlanId: to.usagePlanId, fromTier: from.name, toTier: to.name }] : [];
  });
}
