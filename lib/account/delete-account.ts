import "server-only";
import { deleteAccountSchema } from "@/lib/account/delete-account.schema";
import { isRecent } from "@/lib/auth/recent-auth";
import { verifyPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { enqueueOperation } from "@/lib/operations/enqueue";
import { runOperationNow, type RunOutcome } from "@/lib/operations/run";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { invalidInput } from "@/lib/validation/field-errors";
import { LIVE_KEY_STATUSES } from "@/lib/keys/key-status";
import { errorFields, logger } from "@/lib/observability/log";

export interface DeletedAccount {
  /** True when every key was already revoked in AWS during this request. */
  completed: boolean;
  keysToRevoke: number;
  message: string;
}

function outcomeMessage(outcome: RunOutcome | null, keys: number): { completed: boolean; message: string } {
  const plural = keys === 1 ? "key was" : "keys were";
  if (outcome?.status === "succeeded") {
    return { completed: true, message: keys ? `Your account was deleted and your ${keys} API ${plural} revoked in AWS.` : "Your account was deleted." };
  }
  if (outcome?.status === "failed") {
    return { completed: false, message: "Your account was deleted and you are signed out. Revoking your keys in AWS needs an administrator's attention; they stop working as soon as that is done." };
  }
  return {
    completed: false,
    message: "Your account was deleted and you are signed out. AWS is busy right now, so your keys are being revoked in the background: that finishes automatically within a few minutes.",
  };
}

/**
 * Deletes the signed-in customer's account. Needs the current password (or, for accounts without one, a recent
 * sign-in) and the word DELETE. One transaction closes the customer (status DELETED, so every
 * session of it stops at once), queues the DELETE_CUSTOMER operation and audits; the operation then runs in this
 * request: every key is revoked in AWS, personal data is scrubbed, the audit trail stays. If AWS is busy the
 * background worker finishes it.
 */
export async function deleteOwnAccount(actor: Actor | null, input: unknown): Promise<Result<DeletedAccount>> {
  const allowed = authorize(actor, "account.delete");
  if (!allowed.ok) return allowed;
  const customerId = actor?.customerId;
  if (!actor || !customerId) return fail("forbidden", "Your account is not linked to a customer.");
  const parsed = deleteAccountSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const audit = { userId: actor.userId, email: actor.email, role: actor.role };

  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (user?.passwordHash) {
    if (!parsed.data.password) return fail("invalid", "Please correct the highlighted fields.", { password: ["Enter your password."] });
    if (!(await verifyPassword(user.passwordHash, parsed.data.password))) {
      await db.$transaction((tx) =>
        recordAudit(tx, { actor: audit, action: "account.delete", target: { type: "customer", id: customerId }, customerId, outcome: "failure" }),
      );
      return fail("invalid", "Please correct the highlighted fields.", { password: ["That password is not correct."] });
    }
  } else if (!isRecent(actor.authenticatedAt)) {
    return fail("reauthenticate", "For your security, sign out and sign in again, then delete the account straight away.");
  }

  const queued = await db.$transaction(async (tx) => {
    const closed = await tx.customer.updateMany({ where: { id: customerId, status: { not: "DELETED" } }, data: { status: "DELETED", deletedAt: new Date() } });
    if (closed.count !== 1) return fail("not_found", "This account was already deleted.");
    await tx.passwordResetToken.deleteMany({ where: { user: { customerId } } });
    const keysToRevoke = await tx.apiKey.count({ where: { customerId, status: { in: LIVE_KEY_STATUSES } } });
    const op = await enqueueOperation(tx, { kind: "DELETE_CUSTOMER", customerId, createdById: actor.userId, input: { reason: "deleted by the customer" } });
    await recordAudit(tx, {
      actor: audit,
      action: "account.delete",
      target: { type: "customer", id: customerId },
      customerId,
      meta: { keysToRevoke, operationId: op.id },
    });
    return ok({ operationId: op.id, keysToRevoke });
  });
  if (!queued.ok) return queued;

  let outcome: RunOutcome | null = null;
  try {
    outcome = await runOperationNow(queued.data.operationId);
  } catch (error) {
    // The deletion is recorded and queued; the worker retries it. Log the class and message only.
    logger("account.delete").error(errorFields(error), "running the deletion now failed");
  }
  return ok({ keysToRevoke: queued.data.keysToRevoke, ...outcomeMessage(outcome, queued.data.keysToRevoke) });
}
