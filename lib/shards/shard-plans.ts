import "server-only";
import type { PatchOperation } from "@aws-sdk/client-api-gateway";
import { listRestApis, listUsagePlans } from "@/lib/aws/api-gateway";
import { createUsagePlan, patchUsagePlan, setUsagePlanTags } from "@/lib/aws/usage-plans";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { primaryShardId, shardConfig, shardsConfig, shardsConfigured } from "@/lib/shards/config";
import { withShard } from "@/lib/shards/scope";
import { OVERAGE_TAG, planToTier } from "@/lib/tiers/plan-to-tier";

// Every tier has a usage plan on every shard (plan ids differ between accounts). Tiers are read from the primary
// shard (lib/tiers/sync-tiers.ts); this module finds each tier's plan on each shard by the tier's slug, creates the
// ones missing with the tier's numbers and tags, and remembers them in ShardUsagePlan.

export interface ShardPlanSync {
  shardId: string;
  found: number;
  created: number;
}

/** The REST API and stage the portal fronts on a shard. */
export async function shardApiStage(shardId: string): Promise<{ restApiId: string; stage: string }> {
  const shard = shardConfig(shardId);
  const config = env();
  const stage = shard.stage ?? config.GATEHOUSE_STAGE;
  if (shard.restApiId) return { restApiId: shard.restApiId, stage };
  const apis = await withShard(shardId, () => listRestApis());
  const api =
    (config.GATEHOUSE_REST_API_ID ? apis.find((a) => a.id === config.GATEHOUSE_REST_API_ID) : undefined) ??
    apis.find((a) => a.name === config.GATEHOUSE_REST_API_NAME);
  if (!api) throw new Error(`Shard "${shardId}": the REST API named "${config.GATEHOUSE_REST_API_NAME}" was not found; set its restApiId.`);
  return { restApiId: api.id, stage };
}

/** Makes sure each tier has its plan on the shard (found by slug, else created), and records the plan ids. */
export async function syncShardPlans(shardId: string): Promise<ShardPlanSync> {
  const tiers = await db.tier.findMany({ orderBy: { sortOrder: "asc" } });
  const { restApiId, stage } = await shardApiStage(shardId);
  return withShard(shardId, async () => {
    const plans = (await listUsagePlans()).filter((p) => p.stages.some((s) => s.apiId === restApiId && s.stage === stage));
    const bySlug = new Map(plans.map((p) => [planToTier(p).slug, p.id]));
    const result: ShardPlanSync = { shardId, found: 0, created: 0 };
    for (const tier of tiers) {
      let usagePlanId = bySlug.get(tier.slug);
      if (usagePlanId) result.found++;
      else {
        const tags: Record<string, string> = {
          "gatehouse:price-cents": String(tier.monthlyPriceCents),
          "gatehouse:visibility": tier.visibility === "APPROVAL" ? "approval" : "public",
          "gatehouse:max-keys": String(tier.maxKeys),
          "gatehouse:display-name": tier.name,
        };
        if (tier.overageCentsPer1k !== null) tags[OVERAGE_TAG] = String(tier.overageCentsPer1k);
        const created = await createUsagePlan({
          name: tier.slug,
          description: tier.description,
          apiId: restApiId,
          stage,
          rateLimit: tier.rateLimit,
          burstLimit: tier.burstLimit,
          quota: tier.quotaLimit !== null && tier.quotaPeriod ? { limit: tier.quotaLimit, period: tier.quotaPeriod } : null,
          tags,
        });
        usagePlanId = created.id;
        result.created++;
      }
      await db.shardUsagePlan.upsert({
        where: { shardId_tierId: { shardId, tierId: tier.id } },
        create: { shardId, tierId: tier.id, usagePlanId },
        update: { usagePlanId, syncedAt: new Date() },
      });
    }
    return result;
  });
}

/** syncShardPlans for every configured shard. */
export async function syncAllShardPlans(): Promise<ShardPlanSync[]> {
  const results: ShardPlanSync[] = [];
  for (const shard of shardsConfig()) results.push(await syncShardPlans(shard.id));
  return results;
}

/** Without GATEHOUSE_SHARDS the one shard's plans are the tiers' own (nothing to sync). */
const tiersOwnPlans = (shardId: string) => shardId === primaryShardId() && !shardsConfigured();

/** tierId → the tier's usage plan id on the shard, as last synced. */
export async function tierPlansOnShard(shardId: string): Promise<Map<string, string>> {
  const rows = await db.shardUsagePlan.findMany({ where: { shardId }, select: { tierId: true, usagePlanId: true } });
  const plans = new Map(rows.map((r) => [r.tierId, r.usagePlanId]));
  if (tiersOwnPlans(shardId)) {
    for (const tier of await db.tier.findMany({ select: { id: true, usagePlanId: true } })) if (!plans.has(tier.id)) plans.set(tier.id, tier.usagePlanId);
  }
  return plans;
}

/** The tier's usage plan on the shard; synced first when the shard does not know it yet. */
export async function planIdOnShard(shardId: string, tierId: string): Promise<string> {
  const row = await db.shardUsagePlan.findUnique({ where: { shardId_tierId: { shardId, tierId } }, select: { usagePlanId: true } });
  if (row) return row.usagePlanId;
  if (tiersOwnPlans(shardId)) {
    return (await db.tier.findUniqueOrThrow({ where: { id: tierId }, select: { usagePlanId: true } })).usagePlanId;
  }
  await syncShardPlans(shardId);
  const synced = await db.shardUsagePlan.findUnique({ where: { shardId_tierId: { shardId, tierId } }, select: { usagePlanId: true } });
  if (!synced) throw new Error(`Shard "${shardId}" has no usage plan for tier ${tierId}.`);
  return synced.usagePlanId;
}

/**
 * Applies a tier change (tags, then throttle and quota) to the tier's plan on every shard other than the primary,
 * whose plan the tier's own record names (lib/operations/handlers/update-tier.ts changes that one). `done` holds
 * the shards already changed, so a retried operation does not change them twice; `saveDone` records each one.
 */
export async function applyTierChangeOnOtherShards(
  tierId: string,
  change: { tags: { set: Record<string, string>; remove: string[] }; patch: PatchOperation[] },
  done: readonly string[],
  saveDone: (shardIds: string[]) => Promise<void>,
): Promise<void> {
  if (!shardsConfigured()) return;
  const finished = new Set(done);
  for (const shard of shardsConfig()) {
    if (shard.id === primaryShardId() || finished.has(shard.id)) continue;
    const usagePlanId = await planIdOnShard(shard.id, tierId);
    await withShard(shard.id, async () => {
      if (Object.keys(change.tags.set).length > 0 || change.tags.remove.length > 0) await setUsagePlanTags(usagePlanId, change.tags.set, change.tags.remove);
      if (change.patch.length > 0) await patchUsagePlan(usagePlanId, change.patch);
    });
    finished.add(shard.id);
    await saveDone([...finished]);
  }
}
