import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { enqueueOperation } from "@/lib/operations/enqueue";
import { runOperationNow } from "@/lib/operations/run";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { decideTierRequestSchema } from "@/lib/tiers/tier-change.schema";
import { invalidInput } from "@/lib/validation/field-errors";
import { idSchema } from "@/lib/validation/id";

export async function cancelOwnTierRequest(actor: Actor | null, requestId: unknown): Promise<Result<null>> {
  const allowed = authorize(actor, "tier.request.cancel");
  if (!allowed.ok) return allowed;
  const id = idSchema.safeParse(requestId);
  const request = id.success ? await db.tierChangeRequest.findUnique({ where: { id: id.data } }) : null;
  const owned = authorize(actor, "tier.request.cancel", { customerId: request?.customerId ?? "" });
  if (!owned.ok) return owned;
  if (!request || request.status !== "PENDING") return fail("conflict", "That request is no longer waiting.");
  await db.$transaction(async (tx) => {
    await tx.tierChangeRequest.update({ where: { id: request.id }, data: { status: "CANCELLED", decidedAt: new Date() } });
    await recordAudit(tx, { actor, action: "tier.request.cancel", target: { type: "tier_request", id: request.id }, customerId: request.customerId });
  });
  return ok(null);
}

export interface PendingTierRequest {
  id: string;
  customerId: string;
  customerName: string;
  company: string | null;
  fromTier: string;
  toTier: string;
  message: string | null;
  createdAt: Date;
}

export async function listPendingTierRequests(actor: Actor | null): Promise<Result<PendingTierRequest[]>> {
  const allowed = authorize(actor, "tier.request.list");
  if (!allowed.ok) return allowed;
  const [requests, tiers] = await Promise.all([
    db.tierChangeRequest.findMany({
      where: { status: "PENDING" },
      orderBy: { createdAt: "asc" },
      take: 200,
      include: { customer: { select: { name: true, company: true } }, toTier: { select: { name: true } } },
    }),
    db.tier.findMany({ select: { id: true, name: true } }),
  ]);
  const tierName = new Map(tiers.map((t) => [t.id, t.name]));
  return ok(
    requests.map((r) => ({
      id: r.id,
      customerId: r.customerId,
      customerName: r.customer.name,
      company: r.customer.company,
      fromTier: tierName.get(r.fromTierId) ?? "—",
      toTier: r.toTier.name,
      message: r.message,
      createdAt: r.createdAt,
    })),
  );
}

/** An admin approves (moving every key of the customer to the tier's plan) or rejects a request. */
export async function decideTierRequest(actor: Actor | null, requestId: unknown, input: unknown): Promise<Result<{ notice: string }>> {
  const allowed = authorize(actor, "tier.request.decide");
  if (!allowed.ok || !actor) return allowed.ok ? fail("unauthenticated", "Please sign in.") : allowed;
  const parsed = decideTierRequestSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const id = idSchema.safeParse(requestId);
  const request = id.success ? await db.tierChangeRequest.findUnique({ where: { id: id.data }, include: { toTier: true, customer: true } }) : null;
  if (!request) return fail("not_found", "That request does not exist.");
  const { decision, note } = parsed.data;

  const opId = await db.$transaction(async (tx) => {
    const claimed = await tx.tierChangeRequest.updateMany({
      where: { id: request.id, status: "PENDING" },
      data: { status: decision === "approve" ? "APPROVED" : "REJECTED", decidedById: actor.userId, decidedAt: new Date(), decisionNote: note ?? null },
    });
    if (claimed.count === 0) return "already";
    await recordAudit(tx, {
      actor,
      action: "tier.request.decide",
      target: { type: "tier_request", id: request.id },
      customerId: request.customerId,
      meta: { decision, to: request.toTier.name, ...(note ? { note } : {}) },
    });
    if (decision === "reject" || request.customer.status !== "ACTIVE") return null;
    const op = await enqueueOperation(tx, {
      kind: "MOVE_TIER",
      customerId: request.customerId,
      input: { fromTierId: request.customer.tierId, toTierId: request.toTierId, requestId: request.id },
      createdById: actor.userId,
    });
    return op.id;
  });
  if (opId === "already") return fail("conflict", "Someone already decided this request.");
  if (!opId) return ok({ notice: `Request from ${request.customer.name} rejected.` });
  const outcome = await runOperationNow(opId);
  if (outcome.status === "failed") return fail("unavailable", `Approved, but moving ${request.customer.name}'s keys failed and was rolled back. Their tier is unchanged; approve again once AWS answers.`);
  return ok({
    notice:
      outcome.status === "succeeded"
        ? `${request.customer.name} is now on ${request.toTier.name}.`
        : `Approved. ${request.customer.name}'s keys are moving to ${request.toTier.name} in the background.`,
  });
}
