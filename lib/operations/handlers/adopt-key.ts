import "server-only";
import { z } from "zod";
import { addKeyToUsagePlan, usagePlanIdsOfKey } from "@/lib/aws/api-gateway";
import { getAccountApiKey, listAccountApiKeys, relabelApiKey, tagApiKey } from "@/lib/aws/import-keys";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { awsKeyName, awsKeyPrefix } from "@/lib/keys/aws-key-name";
import { errorName, PermanentFailure } from "@/lib/operations/errors";
import type { OperationContext, OperationHandler } from "@/lib/operations/handler";
import { deleteAwsKeyIfPresent, removeFromPlanIfPresent } from "@/lib/operations/handlers/provision-key";
import { repartitionCustomer } from "@/lib/quota/rebalance";

const labels = z.object({ name: z.string(), description: z.string().nullable(), customerId: z.string().nullable() });

/**
 * `awsKeyId`: the key being taken over. `source`: picked from the account's keys, or created or overwritten by an
 * import (then `original` is how an overwritten key was labelled before, and `createdByImport` says the import made
 * it, so giving up deletes it: nothing of it existed before).
 */
export const adoptKeyInput = z.object({
  /** Empty for an imported key: the import names it after the record, and the operation finds it by that name. */
  awsKeyId: z.string(),
  source: z.enum(["account", "import"]),
  original: labels.nullish(),
  createdByImport: z.boolean().optional(),
});
export type AdoptKeyInput = z.infer<typeof adoptKeyInput>;

const savedState = z.object({
  awsKeyId: z.string().optional(),
  original: labels.nullish(),
  wasInTarget: z.boolean().optional(),
  removedPlans: z.array(z.string()).optional(),
});

/** The AWS key: the one named in the input, or the one an import created under the record's name (saved once found). */
async function resolveAwsKeyId(ctx: OperationContext, recordId: string): Promise<string | null> {
  const fromInput = adoptKeyInput.parse(ctx.input).awsKeyId;
  if (fromInput) return fromInput;
  const saved = savedState.parse(ctx.state).awsKeyId;
  if (saved) return saved;
  const name = awsKeyName(recordId);
  const found = (await listAccountApiKeys(name)).find((k) => k.name === name);
  if (found) await ctx.save({ awsKeyId: found.id });
  return found?.id ?? null;
}

async function load(ctx: OperationContext) {
  if (!ctx.apiKeyId) throw new PermanentFailure("ADOPT_KEY needs a key record");
  return db.apiKey.findUniqueOrThrow({
    where: { id: ctx.apiKeyId },
    include: { customer: { select: { status: true, tier: { select: { usagePlanId: true } } } } },
  });
}

/**
 * Takes over a key that already exists in AWS, without touching its value: it leaves the other tier plans it was in,
 * joins the customer's tier plan, and is renamed the way the portal names its keys (the portal's name as its
 * description, the customer's id, tags), last, so reconcile treats it as the portal's only once it is complete. Every
 * change is saved in the operation's state first; if the takeover gives up, the key is put back as it was (a key the
 * import created is deleted), and never deleted otherwise.
 */
export const adoptKeyHandler: OperationHandler = {
  async run(ctx) {
    const { source, original } = adoptKeyInput.parse(ctx.input);
    const record = await load(ctx);
    if (record.status === "ACTIVE" || record.status === "DISABLED") {
      await repartitionCustomer(record.customerId); // a retry after the key was recorded: the pool split may be missing
      return undefined;
    }
    const awsKeyId = await resolveAwsKeyId(ctx, record.id);
    if (!awsKeyId) throw new PermanentFailure("The import did not create this key in AWS.");
    if (record.status !== "PENDING") throw new PermanentFailure(`The key record is ${record.status.toLowerCase()}.`);
    if (record.customer.status !== "ACTIVE") throw new PermanentFailure("The customer account is not active.");
    const key = await getAccountApiKey(awsKeyId);
    if (!key) throw new PermanentFailure("The key no longer exists in AWS.");
    const ours = awsKeyName(record.id);
    if (key.name !== ours && key.name.startsWith(awsKeyPrefix()) && source === "account") throw new PermanentFailure("The key already belongs to the portal.");
    const holder = await db.apiKey.findFirst({ where: { awsKeyId, id: { not: record.id } }, select: { id: true } });
    if (holder) throw new PermanentFailure("The key already belongs to another customer of the portal.");

    let state = savedState.parse(ctx.state);
    if (state.original === undefined) {
      const before = source === "import" ? (original ?? null) : { name: key.name, description: key.description, customerId: key.customerId };
      await ctx.save({ original: before });
      state = { ...state, original: before };
    }

    // Plans: leave the portal's other tier plans (a key sits in one plan per stage), then join the target plan.
    const target = record.customer.tier.usagePlanId;
    if (state.removedPlans === undefined) {
      const plans = await usagePlanIdsOfKey(awsKeyId);
      const tierPlans = new Set((await db.tier.findMany({ select: { usagePlanId: true } })).map((t) => t.usagePlanId));
      const removedPlans = plans.filter((p) => p !== target && tierPlans.has(p));
      await ctx.save({ wasInTarget: plans.includes(target), removedPlans });
      state = { ...state, wasInTarget: plans.includes(target), removedPlans };
    }
    for (const plan of state.removedPlans ?? []) await removeFromPlanIfPresent(plan, awsKeyId);
    try {
      await addKeyToUsagePlan(target, awsKeyId);
    } catch (error) {
      // Already in it (a retry, or it was there before), or a plan outside the portal covers the same stage.
      if (errorName(error) !== "ConflictException") throw error;
      if (!(await usagePlanIdsOfKey(awsKeyId)).includes(target)) {
        throw new PermanentFailure("The key is in another usage plan for the same API stage that is not one of the portal's tiers. Remove it from that plan first.");
      }
    }

    await relabelApiKey(awsKeyId, { name: ours, description: record.name, customerId: record.customerId });
    await tagApiKey(awsKeyId, { CustomerId: record.customerId, GatehouseKeyId: record.id });
    await db.$transaction(async (tx) => {
      const now = new Date();
      await tx.apiKey.update({
        where: { id: record.id },
        data: {
          status: key.enabled ? "ACTIVE" : "DISABLED",
          awsKeyId,
          lastFour: key.value.slice(-4),
          usagePlanId: target,
          activatedAt: now,
          disabledAt: key.enabled ? null : now,
          failureReason: null,
        },
      });
      await recordAudit(tx, {
        actor: null,
        action: "key.adopt",
        target: { type: "api_key", id: record.id },
        customerId: record.customerId,
        meta: { awsKeyId, usagePlanId: target, source, removedFromPlans: state.removedPlans ?? [] },
      });
    });
    // The adopted key joined the plan with AWS's full quota: split the customer's pooled remainder over its keys.
    await repartitionCustomer(record.customerId);
    return undefined;
  },

  async compensate(ctx, reason) {
    const { createdByImport, original } = adoptKeyInput.parse(ctx.input);
    const record = await load(ctx);
    if (record.status !== "PENDING") return;
    const state = savedState.parse(ctx.state);
    const awsKeyId = await resolveAwsKeyId(ctx, record.id);
    const key = awsKeyId ? await getAccountApiKey(awsKeyId) : null;
    if (key && awsKeyId && createdByImport) {
      await deleteAwsKeyIfPresent(awsKeyId);
    } else if (key && awsKeyId) {
      // Only what this operation changed is put back (another takeover of the same key may have won the race).
      if (state.removedPlans !== undefined) {
        if (!state.wasInTarget) await removeFromPlanIfPresent(record.customer.tier.usagePlanId, awsKeyId);
        for (const plan of state.removedPlans) {
          await addKeyToUsagePlan(plan, awsKeyId).catch((error: unknown) => {
            if (errorName(error) !== "ConflictException" && errorName(error) !== "NotFoundException") throw error;
          });
        }
      }
      // Renamed as ours (by this run, or by the import that overwrote it): its old labels come back.
      const before = state.original ?? original;
      if (key.name === awsKeyName(record.id) && before) {
        await relabelApiKey(awsKeyId, { name: before.name, description: before.description ?? "", customerId: before.customerId });
      }
    }
    await db.$transaction(async (tx) => {
      await tx.apiKey.update({ where: { id: record.id }, data: { status: "FAILED", failureReason: reason } });
      await recordAudit(tx, {
        actor: null,
        action: "key.adopt",
        target: { type: "api_key", id: record.id },
        customerId: record.customerId,
        outcome: "failure",
        meta: { awsKeyId: awsKeyId ?? null, reason },
      });
    });
  },
};
