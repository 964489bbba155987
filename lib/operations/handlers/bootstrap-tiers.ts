import "server-only";
import { z } from "zod";
import { listUsagePlans } from "@/lib/aws/api-gateway";
import { recordAudit } from "@/lib/audit/record-audit";
import { createUsagePlan, deleteUsagePlan } from "@/lib/aws/usage-plans";
import { db } from "@/lib/db";
import type { OperationHandler } from "@/lib/operations/handler";
import { SEED_PLANS, seedTags } from "@/lib/tiers/admin-plan";
import { syncTiers } from "@/lib/tiers/sync-tiers";

export const bootstrapTiersInput = z.object({ apiId: z.string(), stage: z.string(), isTarget: z.boolean() });

const createdOf = (value: unknown): Record<string, string> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, string>) : {};

/**
 * Creates the seed article's basic, premium and enterprise usage plans on one API stage (CreateUsagePlan with the
 * seed's throttle and quota, and the portal's settings in tags). Each created plan id is saved before the next call,
 * and a plan of the same name already on the stage is taken as done, so a resumed run never makes duplicates. On the
 * portal's own stage the tiers are then synced from the plans. Giving up deletes the plans this run created.
 */
export const bootstrapTiersHandler: OperationHandler = {
  async run(ctx) {
    const { apiId, stage, isTarget } = bootstrapTiersInput.parse(ctx.input);
    const created = createdOf(ctx.state.created);
    const onStage = (await listUsagePlans()).filter((p) => p.stages.some((s) => s.apiId === apiId && s.stage === stage));
    for (const seed of SEED_PLANS) {
      if (created[seed.planName] || onStage.some((p) => p.name === seed.planName)) continue;
      const plan = await createUsagePlan({
        name: seed.planName,
        description: seed.description,
        apiId,
        stage,
        rateLimit: seed.settings.rateLimit,
        burstLimit: seed.settings.burstLimit,
        quota: seed.settings.quotaLimit !== null && seed.settings.quotaPeriod ? { limit: seed.settings.quotaLimit, period: seed.settings.quotaPeriod } : null,
        tags: seedTags(seed),
      });
      created[seed.planName] = plan.id;
      await ctx.save({ created });
    }
    const synced = isTarget ? await syncTiers() : 0;
    await db.$transaction(async (tx) => {
      await recordAudit(tx, { actor: null, action: "tier.bootstrap", target: { type: "api_stage", id: `${apiId}:${stage}` }, meta: { created: Object.keys(created), synced } });
    });
    return undefined;
  },
  async compensate(ctx, reason) {
    const { apiId, stage } = bootstrapTiersInput.parse(ctx.input);
    const created = createdOf(ctx.state.created);
    for (const [name, id] of Object.entries(created)) {
      await deleteUsagePlan(id);
      delete created[name];
      await ctx.save({ created });
    }
    await db.$transaction(async (tx) => {
      await recordAudit(tx, { actor: null, action: "tier.bootstrap", target: { type: "api_stage", id: `${apiId}:${stage}` }, outcome: "failure", meta: { reason: reason.slice(0, 300) } });
    });
  },
};
