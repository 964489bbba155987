import "server-only";
import { db } from "@/lib/db";
import type { Tier } from "@/lib/generated/prisma";
import { tierPlansOnShard } from "@/lib/shards/shard-plans";

// A usage plan id names a tier either as the tier's own plan (the primary shard) or as its copy on another shard
// (ShardUsagePlan). Code that maps plan ids to tiers (usage pages, billing exports, quota checks) goes through here.

/** The tiers of these plan ids, each row carrying the plan id it was found by. */
export async function tiersForPlans(planIds: readonly string[]): Promise<(Tier & { usagePlanId: string })[]> {
  const ids = [...new Set(planIds)];
  if (ids.length === 0) return [];
  const [own, copies] = await Promise.all([
    db.tier.findMany({ where: { usagePlanId: { in: ids } } }),
    db.shardUsagePlan.findMany({ where: { usagePlanId: { in: ids } }, include: { tier: true } }),
  ]);
  const byPlan = new Map<string, Tier & { usagePlanId: string }>(own.map((t) => [t.usagePlanId, t]));
  for (const copy of copies) if (!byPlan.has(copy.usagePlanId)) byPlan.set(copy.usagePlanId, { ...copy.tier, usagePlanId: copy.usagePlanId });
  return [...byPlan.values()];
}

/** plan id → tier name, for every tier's own plan and every shard copy. */
export async function tierNamesByPlan(): Promise<Map<string, string>> {
  const [tiers, copies] = await Promise.all([
    db.tier.findMany({ select: { usagePlanId: true, name: true } }),
    db.shardUsagePlan.findMany({ select: { usagePlanId: true, tier: { select: { name: true } } } }),
  ]);
  const names = new Map(tiers.map((t) => [t.usagePlanId, t.name]));
  for (const copy of copies) if (!names.has(copy.usagePlanId)) names.set(copy.usagePlanId, copy.tier.name);
  return names;
}

/** The customer's tier with `usagePlanId` set to the tier's plan on the customer's shard (as last synced). */
export async function tierOnShard<T extends { usagePlanId: string }>(tier: T, tierId: string, shardId: string): Promise<T> {
  const planId = (await tierPlansOnShard(shardId)).get(tierId);
  return planId ? { ...tier, usagePlanId: planId } : tier;
}
