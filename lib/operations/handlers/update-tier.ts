import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { getUsagePlan, patchUsagePlan, setUsagePlanTags } from "@/lib/aws/usage-plans";
import { db } from "@/lib/db";
import type { OperationHandler } from "@/lib/operations/handler";
import { RunLater } from "@/lib/operations/errors";
import { applyTierChangeOnOtherShards } from "@/lib/shards/shard-plans";
import { tagsFor, type TierSettings } from "@/lib/tiers/admin-plan";

const settings = z.object({
  name: z.string(),
  tagline: z.string().nullable(),
  rateLimit: z.number(),
  burstLimit: z.number(),
  quotaLimit: z.number().nullable(),
  quotaPeriod: z.enum(["DAY", "WEEK", "MONTH"]).nullable(),
  monthlyPriceCents: z.number(),
  visibility: z.enum(["PUBLIC", "APPROVAL"]),
  maxKeys: z.number(),
});

export const updateTierInput = z.object({
  tierId: z.string(),
  usagePlanId: z.string(),
  from: settings,
  to: settings,
  tags: z.object({ set: z.record(z.string(), z.string()), remove: z.array(z.string()) }),
  patch: z.array(z.object({ op: z.enum(["replace", "remove"]), path: z.string(), value: z.string().optional() })),
  fields: z.array(z.string()),
  /** The reserved UpdateUsagePlan slot (ISO time); absent when only tags change. */
  slotAt: z.string().optional(),
});
export type UpdateTierInput = z.infer<typeof updateTierInput>;

/** The portal's record of a tier's tag-carried settings. */
async function tagFieldsData(usagePlanId: string, s: TierSettings) {
  const description = s.tagline ?? (await getUsagePlan(usagePlanId)).description;
  return { name: s.name, description, monthlyPriceCents: s.monthlyPriceCents, visibility: s.visibility, maxKeys: s.maxKeys };
}

/**
 * Changes a tier's usage plan: first its tags (price, visibility, key limit, name, tagline: TagResource, at once),
 * then its throttle and quota in one UpdateUsagePlan call at the slot reserved when the change was queued (AWS
 * allows one such call per 20 s per account). The tier row follows each step; if the plan refuses the change for
 * good, the tags are put back, so nothing is left half-changed. With shards, the tier's plans on the other accounts
 * then get the same change, one shard at a time (each remembered, so a retry goes on where it stopped).
 */
export const updateTierHandler: OperationHandler = {
  async run(ctx) {
    const input = updateTierInput.parse(ctx.input);
    const hasTags = Object.keys(input.tags.set).length > 0 || input.tags.remove.length > 0;
    if (hasTags && ctx.state.tagsDone !== true) {
      await setUsagePlanTags(input.usagePlanId, input.tags.set, input.tags.remove);
      const data = await tagFieldsData(input.usagePlanId, input.to);
      await db.$transaction(async (tx) => {
        await tx.tier.update({ where: { id: input.tierId }, data });
        await recordAudit(tx, { actor: null, action: "tier.update", target: { type: "tier", id: input.tierId }, meta: { step: "tags", fields: input.fields } });
      });
      await ctx.save({ tagsDone: true });
    }
    if (input.patch.length > 0 && ctx.state.patchDone !== true) {
      const slot = input.slotAt ? new Date(input.slotAt) : new Date();
      if (slot.getTime() > Date.now()) throw new RunLater(slot, "Waiting for its turn: AWS allows one usage plan update per 20 seconds.");
      const plan = await patchUsagePlan(input.usagePlanId, input.patch);
      await db.$transaction(async (tx) => {
        await tx.tier.update({
          where: { id: input.tierId },
          data: { rateLimit: plan.rateLimit ?? 0, burstLimit: plan.burstLimit ?? 0, quotaLimit: plan.quotaLimit, quotaPeriod: plan.quotaPeriod, syncedAt: new Date() },
        });
        await recordAudit(tx, { actor: null, action: "tier.update", target: { type: "tier", id: input.tierId }, meta: { step: "limits", fields: input.fields } });
      });
      await ctx.save({ patchDone: true });
    }
    // With shards, every other account has its own copy of the plan: it gets the same change.
    const shardsDone = Array.isArray(ctx.state.shardsDone) ? ctx.state.shardsDone.map(String) : [];
    await applyTierChangeOnOtherShards(input.tierId, { tags: input.tags, patch: input.patch }, shardsDone, (ids) => ctx.save({ shardsDone: ids }));
    return undefined;
  },
  async compensate(ctx, reason) {
    const input = updateTierInput.parse(ctx.input);
    const revertTags = ctx.state.tagsDone === true && ctx.state.patchDone !== true;
    if (revertTags) await setUsagePlanTags(input.usagePlanId, tagsFor(input.from), input.from.tagline ? [] : ["gatehouse:tagline"]);
    const data = revertTags ? await tagFieldsData(input.usagePlanId, input.from) : null;
    await db.$transaction(async (tx) => {
      if (data) await tx.tier.update({ where: { id: input.tierId }, data });
      await recordAudit(tx, { actor: null, action: "tier.update", target: { type: "tier", id: input.tierId }, outcome: "failure", meta: { fields: input.fields, reason: reason.slice(0, 300) } });
    });
  },
};
