import "server-only";
import { PROVISIONED_KEY_STATUSES } from "@/lib/keys/key-status";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import type { OperationHandler } from "@/lib/operations/handler";
import { ensureInPlan, removeFromPlanIfPresent } from "@/lib/operations/handlers/provision-key";
import { repartitionCustomer, storeUsageBeforeRemoval } from "@/lib/quota/rebalance";
import { planIdOnShard } from "@/lib/shards/shard-plans";

/** The customer's shard: the operation runs scoped to it, and the tiers' plans are that shard's. */
async function shardOf(customerId: string): Promise<string> {
  return (await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { shardId: true } })).shardId;
}

const input = z.object({ fromTierId: z.string(), toTierId: z.string(), requestId: z.string().optional() });

async function liveKeys(customerId: string) {
  return db.apiKey.findMany({
    where: { customerId, status: { in: PROVISIONED_KEY_STATUSES }, awsKeyId: { not: null } },
    select: { id: true, awsKeyId: true, usagePlanId: true },
  });
}

/**
 * Moves every key of a customer to the new tier's plan: remove from the old plan, then add to the new one (AWS
 * refuses a key in two plans on one stage). The customer's tier changes only when every key has moved; if the move
 * gives up, every key is put back in the old plan. AWS counts usage per plan, so each key's usage in the old plan is
 * stored before it leaves, and the pooled remainder is split over the keys in the new plan before the tier changes.
 */
export const moveTierHandler: OperationHandler = {
  async run(ctx) {
    const { fromTierId, toTierId, requestId } = input.parse(ctx.input);
    const customerId = ctx.customerId ?? "";
    const [from, to, shardId] = await Promise.all([
      db.tier.findUniqueOrThrow({ where: { id: fromTierId } }),
      db.tier.findUniqueOrThrow({ where: { id: toTierId } }),
      shardOf(customerId),
    ]);
    const toPlanId = await planIdOnShard(shardId, to.id);
    for (const key of await liveKeys(customerId)) {
      if (key.usagePlanId === toPlanId || !key.awsKeyId) continue;
      // The key's count in the old plan is stored before it leaves: it stays in the customer's pool.
      await storeUsageBeforeRemoval({ id: key.id, awsKeyId: key.awsKeyId, usagePlanId: key.usagePlanId });
      await removeFromPlanIfPresent(key.usagePlanId, key.awsKeyId);
      await ensureInPlan(key.awsKeyId, toPlanId);
      await db.apiKey.update({ where: { id: key.id }, data: { usagePlanId: toPlanId } });
    }
    // In the new plan every key starts with the full quota: the pool, under the new tier's quota and period, is split
    // over them before the move is recorded (a move and back carries the used count).
    await repartitionCustomer(customerId, { tierId: to.id });
    await db.$transaction(async (tx) => {
      await tx.customer.update({ where: { id: customerId }, data: { tierId: to.id } });
      await recordAudit(tx, {
        actor: null,
        action: "tier.change",
        target: { type: "customer", id: customerId },
        customerId,
        meta: { from: from.slug, to: to.slug, ...(requestId ? { requestId } : {}) },
      });
    });
    return undefined;
  },
  async compensate(ctx, reason) {
    const { fromTierId } = input.parse(ctx.input);
    const customerId = ctx.customerId ?? "";
    const from = await db.tier.findUniqueOrThrow({ where: { id: fromTierId } });
    const fromPlanId = await planIdOnShard(await shardOf(customerId), from.id);
    for (const key of await liveKeys(customerId)) {
      if (!key.awsKeyId) continue;
      await ensureInPlan(key.awsKeyId, fromPlanId);
      await db.apiKey.update({ where: { id: key.id }, data: { usagePlanId: fromPlanId } });
    }
    await repartitionCustomer(customerId, { tierId: from.id });
    await db.$transaction(async (tx) => {
      await tx.customer.update({ where: { id: customerId }, data: { tierId: from.id } });
      await recordAudit(tx, { actor: null, action: "tier.change", target: { type: "customer", id: customerId }, customerId, outcome: "failure", meta: { reason } });
    });
  },
};
