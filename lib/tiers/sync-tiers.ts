import "server-only";
import { listUsagePlans } from "@/lib/aws/api-gateway";
import { db } from "@/lib/db";
import { targetApi } from "@/lib/gateway/target-api";
import { RETIRED_TAG } from "@/lib/tiers/admin-plan";
import { planToTier } from "@/lib/tiers/plan-to-tier";
import { shardsConfigured } from "@/lib/shards/config";
import { syncAllShardPlans } from "@/lib/shards/shard-plans";

/**
 * Makes the tier table match the usage plans that cover the portal's API stage. A tier is matched to its plan by
 * plan id, else by slug (a plan that was recreated under the same name keeps its tier and customers).
 * Tiers whose plan is gone, or whose plan an admin retired (tag gatehouse:retired), are marked unavailable. Returns the number of tiers synced.
 * Tiers are read from the primary shard (the first of GATEHOUSE_SHARDS); lib/shards/shard-plans.ts mirrors them.
 */
export async function syncTiers(): Promise<number> {
  const api = await targetApi();
  const plans = (await listUsagePlans()).filter((p) => p.stages.some((s) => s.apiId === api.restApiId && s.stage === api.stage));
  const tiers = plans.map(planToTier).sort((a, b) => a.monthlyPriceCents - b.monthlyPriceCents || a.rateLimit - b.rateLimit);
  const retired = new Set(plans.filter((p) => p.tags[RETIRED_TAG] === "true").map((p) => p.id));
  const now = new Date();
  await db.$transaction(async (tx) => {
    for (const [index, tier] of tiers.entries()) {
      const existing =
        (await tx.tier.findUnique({ where: { usagePlanId: tier.usagePlanId }, select: { id: true } })) ??
        (await tx.tier.findUnique({ where: { slug: tier.slug }, select: { id: true } }));
      const data = { ...tier, sortOrder: index, syncedAt: now, available: !retired.has(tier.usagePlanId) };
      if (existing) await tx.tier.update({ where: { id: existing.id }, data });
      else await tx.tier.create({ data });
    }
    // Plans that no longer cover the stage: their tiers stay for the customers on them, but are offered to nobody.
    await tx.tier.updateMany({ where: { usagePlanId: { notIn: tiers.map((t) => t.usagePlanId) } }, data: { available: false } });
  });
  // With several shards, every tier gets its plan on every shard (found by slug, else created there).
  if (shardsConfigured()) await syncAllShardPlans();
  return tiers.length;
}
