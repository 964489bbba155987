import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { kindLabel } from "@/lib/operations/admin-filter-schema";
import type { OperationState } from "@/lib/operations/handler";
import { runOperationNow, type RunOutcome } from "@/lib/operations/run";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";

type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

function load(id: string) {
  return db.operation.findUnique({
    where: { id },
    select: {
      id: true,
      kind: true,
      status: true,
      customerId: true,
      apiKeyId: true,
      input: true,
      state: true,
      createdAt: true,
      customer: { select: { status: true, tierId: true } },
      apiKey: { select: { status: true } },
    },
  });
}

const KEY_KINDS = new Set(["CREATE_KEY", "SET_KEY_ENABLED", "RENAME_KEY", "REVOKE_KEY", "ROTATE_KEY"]);

/**
 * Why retrying this failed operation would be wrong, or null when it is safe. A retry re-runs the operation from its
 * saved state, so it must not bring back an intent something newer replaced (a later change of the same key, a
 * later tier move), nor act for a deleted account, nor re-create a key whose record was already closed.
 */
export async function retryRefusal(op: Loaded): Promise<string | null> {
  if (op.status !== "FAILED") return "Only a failed operation can be retried.";
  if (op.kind === "DELETE_CUSTOMER") return null; // finishing a deletion is always wanted
  if (op.customer?.status === "DELETED") return "The customer's account was deleted; there is nothing to retry for it.";
  if (op.apiKeyId && KEY_KINDS.has(op.kind)) {
    const newer = await db.operation.findFirst({ where: { apiKeyId: op.apiKeyId, createdAt: { gt: op.createdAt }, id: { not: op.id } }, select: { id: true } });
    if (newer) return "A newer change of this key was made since; retrying this one could undo it.";
  }
  const input = (op.input && typeof op.input === "object" && !Array.isArray(op.input) ? op.input : {}) as Record<string, unknown>;
  switch (op.kind) {
    case "CREATE_KEY":
      if (op.apiKey?.status !== "PENDING") return "The key record was closed when this gave up; the customer can create a new key.";
      return null;
    case "ROTATE_KEY": {
      const newKey = typeof input.newKeyId === "string" ? await db.apiKey.findUnique({ where: { id: input.newKeyId }, select: { status: true } }) : null;
      if (!newKey || newKey.status === "FAILED" || newKey.status === "REVOKED") return "The replacement key was closed when this gave up; the customer can rotate the key again.";
      return null;
    }
    case "SET_KEY_ENABLED":
    case "RENAME_KEY":
    case "REVOKE_KEY":
      if (op.apiKey?.status === "REVOKED" || op.apiKey?.status === "FAILED") return "The key is already closed; there is nothing to retry.";
      return null;
    case "MOVE_TIER": {
      const newer = await db.operation.findFirst({
        where: { customerId: op.customerId, kind: { in: ["MOVE_TIER", "DELETE_CUSTOMER"] }, createdAt: { gt: op.createdAt }, id: { not: op.id } },
        select: { id: true },
      });
      if (newer) return "The customer's tier was changed again since; retrying this move could undo that.";
      if (typeof input.fromTierId === "string" && op.customer && op.customer.tierId !== input.fromTierId) return "The customer is no longer on the tier this move started from.";
      return null;
    }
    default:
      return null;
  }
}

function stateWithoutCompensation(state: unknown): OperationState {
  const out: OperationState = {};
  if (state && typeof state === "object" && !Array.isArray(state)) {
    for (const [key, value] of Object.entries(state as OperationState)) if (key !== "compensating" && key !== "failure") out[key] = value;
  }
  return out;
}

export interface RetriedOperation {
  outcome: RunOutcome["status"];
  message: string;
}

function messageFor(kind: string, outcome: RunOutcome): string {
  const what = kindLabel(kind);
  switch (outcome.status) {
    case "succeeded":
      return `${what} succeeded on retry.`;
    case "retrying":
      return `${what} is queued again: AWS did not finish it yet (${outcome.error}). The worker keeps retrying.`;
    case "failed":
      return `${what} failed again: ${outcome.error}`;
    default:
      return `${what} is queued again; the worker runs it shortly.`;
  }
}

/**
 * Re-queues a failed operation from its saved state (operation.retry) and runs it in this request: the saved
 * progress is kept (handlers resume from it), the compensation markers are cleared, and the attempt count restarts
 * at one so the run looks for anything an earlier attempt left in AWS instead of assuming a first attempt. The
 * re-queueing and its audit entry are one transaction, and only a FAILED row is flipped (two admins clicking at
 * once queue it once).
 */
export async function retryOperation(actor: Actor | null, id: string): Promise<Result<RetriedOperation>> {
  const allowed = authorize(actor, "operation.retry");
  if (!allowed.ok || !actor) return allowed.ok ? fail("unauthenticated", "Please sign in to continue.") : allowed;
  const op = await load(id);
  if (!op) return fail("not_found", "That operation does not exist.");
  const refusal = await retryRefusal(op);
  if (refusal) return fail("conflict", refusal);

  const queued = await db.$transaction(async (tx) => {
    const flipped = await tx.operation.updateMany({
      where: { id, status: "FAILED" },
      data: {
        status: "QUEUED",
        attempts: 1,
        runAfter: new Date(),
        lockedUntil: null,
        finishedAt: null,
        compensatedAt: null,
        state: stateWithoutCompensation(op.state),
      },
    });
    if (flipped.count !== 1) return false;
    await recordAudit(tx, {
      actor: { userId: actor.userId, email: actor.email, role: actor.role },
      action: "operation.retry",
      target: { type: "operation", id },
      customerId: op.customerId,
      meta: { kind: op.kind },
    });
    return true;
  });
  if (!queued) return fail("conflict", "Someone else already retried this operation.");

  const outcome = await runOperationNow(id, { waitMs: 5000 });
  return ok({ outcome: outcome.status, message: messageFor(op.kind, outcome) });
}
