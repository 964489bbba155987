import "server-only";
import { listUsagePlans } from "@/lib/aws/api-gateway";
import { db } from "@/lib/db";
import { targetApi } from "@/lib/gateway/target-api";
import { planToTier } from "@/lib/tiers/plan-to-tier";

/** Makes the tier table match the usage plans that cover the portal's API stage. Returns the number of tiers. */
export async function syncTiers(): Promise<number> {
  const api = await targetApi();
  const plans = (await listUsagePlans()).filter((p) => p.stages.some((s) => s.apiId === api.restApiId && s.stage === api.stage));
  const tiers = plans.map(planToTier).sort((a, b) => a.monthlyPriceCents - b.monthlyPriceCents || a.rateLimit - b.rateLimit);
  const now = new Date();
  await db.$transaction(
    tiers.map((tier, index) =>
      db.tier.upsert({
        where: { usagePlanId: tier.usagePlanId },
        create: { ...tier, sortOrder: index, syncedAt: now },
        update: { ...tier, sortOrder: index, syncedAt: now },
      }),
    ),
  );
  return tiers.length;
}
