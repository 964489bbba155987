import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { setUsagePlanTags } from "@/lib/aws/usage-plans";
import { db } from "@/lib/db";
import { enqueueOperation } from "@/lib/operations/enqueue";
import type { OperationHandler } from "@/lib/operations/handler";
import { PermanentFailure, RunLater } from "@/lib/operations/errors";
import { RETIRED_TAG } from "@/lib/tiers/admin-plan";

export const retireTierInput = z.object({ tierId: z.string(), toTierId: z.string() });

const CHECK_EVERY_MS = 5_000;
/** How many checks (about 10 minutes) before a customer that keeps failing to move stops the retirement. */
const MAX_ROUNDS = 120;

/** Customers still on the tier (deleted accounts have no keys left and are not moved). */
export function customersOnTier(tierId: string) {
  return db.customer.findMany({ where: { tierId, status: { not: "DELETED" } }, select: { id: true } });
}

/**
 * Retires a tier: takes it off offer first (tagged retired on its plan, so a sync keeps it so; nobody new can pick
 * it), then moves every customer on it to the chosen tier with one MOVE_TIER operation each (those move the keys,
 * compensated per customer), and checks back until nobody is left on it. If customers cannot be moved, it gives up
 * and offers the tier again, since they are still on it.
 */
export const retireTierHandler: OperationHandler = {
  async run(ctx) {
    const { tierId, toTierId } = retireTierInput.parse(ctx.input);
    const [tier, to] = await Promise.all([db.tier.findUniqueOrThrow({ where: { id: tierId } }), db.tier.findUniqueOrThrow({ where: { id: toTierId } })]);
    if (ctx.state.offOffer !== true) {
      await setUsagePlanTags(tier.usagePlanId, { [RETIRED_TAG]: "true" });
      await db.$transaction(async (tx) => {
        await tx.tier.update({ where: { id: tierId }, data: { available: false } });
        await recordAudit(tx, { actor: null, action: "tier.retire", target: { type: "tier", id: tierId }, meta: { step: "off_offer", tier: tier.slug } });
      });
      await ctx.save({ offOffer: true });
    }
    const remaining = await customersOnTier(tierId);
    if (remaining.length === 0) {
      await db.$transaction(async (tx) => {
        await recordAudit(tx, { actor: null, action: "tier.retire", target: { type: "tier", id: tierId }, meta: { step: "done", tier: tier.slug, to: to.slug, moved: Number(ctx.state.enqueued ?? 0) } });
      });
      return undefined;
    }
    const rounds = Number(ctx.state.rounds ?? 0) + 1;
    if (rounds > MAX_ROUNDS) throw new PermanentFailure(`${remaining.length} customer(s) could not be moved to ${to.name}.`);
    const enqueued = await db.$transaction(async (tx) => {
      const busy = await tx.operation.findMany({
        where: { customerId: { in: remaining.map((c) => c.id) }, kind: "MOVE_TIER", status: { in: ["QUEUED", "RUNNING"] } },
        select: { customerId: true },
      });
      const moving = new Set(busy.map((o) => o.customerId));
      let count = 0;
      for (const customer of remaining) {
        if (moving.has(customer.id)) continue;
        await enqueueOperation(tx, { kind: "MOVE_TIER", customerId: customer.id, input: { fromTierId: tierId, toTierId }, createdById: ctx.createdById });
        count++;
      }
      return count;
    });
    await ctx.save({ rounds, enqueued: Number(ctx.state.enqueued ?? 0) + enqueued, remaining: remaining.length });
    throw new RunLater(new Date(Date.now() + CHECK_EVERY_MS), `Moving ${remaining.length} customer(s) to ${to.name}.`);
  },
  async compensate(ctx, reason) {
    const { tierId } = retireTierInput.parse(ctx.input);
    const tier = await db.tier.findUniqueOrThrow({ where: { id: tierId } });
    if (ctx.state.offOffer === true) await setUsagePlanTags(tier.usagePlanId, {}, [RETIRED_TAG]);
    await db.$transaction(async (tx) => {
      await tx.tier.update({ where: { id: tierId }, data: { available: true } });
      await recordAudit(tx, { actor: null, action: "tier.retire", target: { type: "tier", id: tierId }, outcome: "failure", meta: { reason: reason.slice(0, 300) } });
    });
  },
};
