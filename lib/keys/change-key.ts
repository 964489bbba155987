import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import type { OperationKind, Prisma } from "@/lib/generated/prisma";
import { keyIsBusy } from "@/lib/keys/load-owned-key";
import { failedMessage, pendingMessage } from "@/lib/keys/outcome-message";
import { enqueueOperation } from "@/lib/operations/enqueue";
import { runOperationNow, type RunOutcome } from "@/lib/operations/run";
import type { Actor } from "@/lib/policy/actor";
import type { PolicyAction } from "@/lib/policy/action-names";
import { fail, ok, type Result } from "@/lib/result";

export interface KeyChange {
  kind: OperationKind;
  keyId: string;
  customerId: string;
  input?: Prisma.InputJsonValue;
  /** The audit action name: the policy action of the change, e.g. "key.revoke". */
  audit: PolicyAction;
  auditMeta?: Prisma.InputJsonValue;
  /** Done in the same transaction as the operation is recorded (e.g. the new name). */
  write?: (tx: Prisma.TransactionClient) => Promise<unknown>;
  /** For messages: "Revoking the key". */
  doing: string;
}

/** Records a change to one key as a durable operation (with its audit entry), then runs it at once. */
export async function applyKeyChange(actor: Actor, change: KeyChange): Promise<Result<{ outcome: RunOutcome; notice: string | null }>> {
  if (await keyIsBusy(change.keyId)) return fail("conflict", "Another change to this key is still in progress. Try again in a moment.");
  const op = await db.$transaction(async (tx) => {
    await change.write?.(tx);
    const created = await enqueueOperation(tx, {
      kind: change.kind,
      customerId: change.customerId,
      apiKeyId: change.keyId,
      input: change.input,
      createdById: actor.userId,
    });
    await recordAudit(tx, {
      actor,
      action: change.audit,
      target: { type: "api_key", id: change.keyId },
      customerId: change.customerId,
      meta: change.auditMeta,
    });
    return created;
  });
  const outcome = await runOperationNow(op.id);
  if (outcome.status === "failed") return fail("unavailable", failedMessage(change.doing, outcome));
  return ok({ outcome, notice: outcome.status === "succeeded" ? null : pendingMessage(change.doing.toLowerCase()) });
}
