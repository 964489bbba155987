import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { enqueueOperation } from "@/lib/operations/enqueue";
import { runOperationNow } from "@/lib/operations/run";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { changeTierSchema } from "@/lib/tiers/tier-change.schema";
import { invalidInput } from "@/lib/validation/field-errors";
import { countLiveKeys, keysFitTier, tooManyKeysFor } from "@/lib/keys/key-limit";
import { needsPriceAcknowledgement, priceChangeSentence } from "@/lib/format/tier";

export type TierChangeOutcome = { status: "changed" | "queued" | "requested"; notice: string };

/**
 * Self-service tier change. A public tier moves every key to the new plan (a MOVE_TIER operation: remove, then add,
 * compensated by moving them back); an approval-only tier creates a request for an admin. A move to a dearer public
 * tier needs `acknowledgePrice` (the customer was shown the price difference): without it nothing changes.
 */
export async function changeTier(actor: Actor | null, input: unknown): Promise<Result<TierChangeOutcome>> {
  const allowed = authorize(actor, "tier.change");
  if (!allowed.ok || !actor?.customerId) return allowed.ok ? fail("forbidden", "Your account is not linked to a customer.") : allowed;
  const parsed = changeTierSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const customerId = actor.customerId;
  const [customer, target] = await Promise.all([
    db.customer.findUnique({ where: { id: customerId }, select: { status: true, tierId: true, tier: { select: { name: true, monthlyPriceCents: true } } } }),
    db.tier.findUnique({ where: { id: parsed.data.tierId } }),
  ]);
  if (!customer || customer.status !== "ACTIVE") return fail("forbidden", "Your account is not active.");
  if (!target || !target.available) return fail("invalid", "Please choose one of the listed tiers.", { tierId: ["Choose one of the listed tiers."] });
  if (target.id === customer.tierId) return fail("invalid", `You are already on the ${target.name} tier.`, { tierId: [`You are already on the ${target.name} tier.`] });

  if (target.visibility === "APPROVAL") return requestTier(actor, customerId, customer.tierId, target.id, target.name, parsed.data.message ?? null);

  if (needsPriceAcknowledgement(customer.tier, target) && !parsed.data.acknowledgePrice) {
    const message = `${target.name} costs ${priceChangeSentence(customer.tier, target)}. Tick the box to accept the new price, then switch.`;
    return fail("invalid", message, { acknowledgePrice: [message] });
  }
  const keys = await countLiveKeys(db, customerId);
  if (!keysFitTier(keys, target)) return fail("conflict", tooManyKeysFor(target, keys));
  const op = await db.$transaction(async (tx) => {
    const moving = await tx.operation.count({ where: { customerId, kind: "MOVE_TIER", status: { in: ["QUEUED", "RUNNING"] } } });
    if (moving > 0) return null;
    const created = await enqueueOperation(tx, {
      kind: "MOVE_TIER",
      customerId,
      input: { fromTierId: customer.tierId, toTierId: target.id },
      createdById: actor.userId,
    });
    await recordAudit(tx, { actor, action: "tier.change", target: { type: "customer", id: customerId }, customerId, meta: { from: customer.tier.name, to: target.name } });
    return created;
  });
  if (!op) return fail("conflict", "A tier change is already in progress. It finishes on its own in a moment.");

  const outcome = await runOperationNow(op.id);
  if (outcome.status === "failed") {
    return fail("unavailable", `Moving your keys to ${target.name} failed, so they were put back on ${customer.tier.name}. Nothing else changed; please try again.`);
  }
  if (outcome.status === "succeeded") return ok({ status: "changed", notice: `You are now on the ${target.name} tier. Your keys use its limits from now on.` });
  return ok({ status: "queued", notice: `AWS is busy, so the move to ${target.name} is queued and finishes automatically within a few minutes.` });
}

async function requestTier(actor: Actor, customerId: string, fromTierId: string, toTierId: string, tierName: string, message: string | null): Promise<Result<TierChangeOutcome>> {
  const created = await db.$transaction(async (tx) => {
    const pending = await tx.tierChangeRequest.count({ where: { customerId, status: "PENDING" } });
    if (pending > 0) return false;
    const request = await tx.tierChangeRequest.create({ data: { customerId, fromTierId, toTierId, message, requestedById: actor.userId } });
    await recordAudit(tx, { actor, action: "tier.request", target: { type: "tier_request", id: request.id }, customerId, meta: { to: tierName } });
    return true;
  });
  if (!created) return fail("conflict", "You already have a tier request waiting for approval. Cancel it to ask for another.");
  return ok({ status: "requested", notice: `Your request for ${tierName} was sent. An administrator will review it; your current tier stays in place until then.` });
}
