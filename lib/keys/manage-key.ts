import "server-only";
import { db } from "@/lib/db";
import { applyKeyChange } from "@/lib/keys/change-key";
import { renameKeySchema, ROTATION_GRACE, rotateKeySchema } from "@/lib/keys/key-actions.schema";
import { isProvisionedKey } from "@/lib/keys/key-status";
import { loadOwnedKey } from "@/lib/keys/load-owned-key";
import { newKeyValue } from "@/lib/keys/new-key-value";
import { enqueueOperation } from "@/lib/operations/enqueue";
import { failedMessage, pendingMessage } from "@/lib/keys/outcome-message";
import { runOperationNow } from "@/lib/operations/run";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { invalidInput } from "@/lib/validation/field-errors";

const live = isProvisionedKey;

async function customerSuspended(customerId: string): Promise<boolean> {
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { status: true } });
  return customer?.status !== "ACTIVE";
}

export async function renameKey(actor: Actor | null, keyId: unknown, input: unknown): Promise<Result<{ notice: string | null }>> {
  const key = await loadOwnedKey(actor, keyId, "key.rename");
  if (!key.ok || !actor) return key.ok ? fail("unauthenticated", "Please sign in.") : key;
  const parsed = renameKeySchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  if (!live(key.data.status)) return fail("conflict", "Only active or disabled keys can be renamed.");
  const name = parsed.data.name;
  const result = await applyKeyChange(actor, {
    kind: "RENAME_KEY",
    keyId: key.data.id,
    customerId: key.data.customerId,
    audit: "key.rename",
    auditMeta: { from: key.data.name, to: name },
    write: (tx) => tx.apiKey.update({ where: { id: key.data.id }, data: { name } }),
    doing: "Renaming the key",
  });
  return result.ok ? ok({ notice: result.data.notice }) : result;
}

export async function setOwnKeyEnabled(actor: Actor | null, keyId: unknown, enabled: boolean): Promise<Result<{ notice: string | null }>> {
  const key = await loadOwnedKey(actor, keyId, "key.set_enabled");
  if (!key.ok || !actor) return key.ok ? fail("unauthenticated", "Please sign in.") : key;
  if (!live(key.data.status)) return fail("conflict", "This key can no longer be changed.");
  if ((key.data.status === "ACTIVE") === enabled) return ok({ notice: null });
  if (enabled && (await customerSuspended(key.data.customerId))) return fail("forbidden", "Your account is suspended, so keys cannot be enabled.");
  const result = await applyKeyChange(actor, {
    kind: "SET_KEY_ENABLED",
    keyId: key.data.id,
    customerId: key.data.customerId,
    input: { enabled },
    audit: "key.set_enabled",
    auditMeta: { enabled },
    doing: enabled ? "Enabling the key" : "Disabling the key",
  });
  return result.ok ? ok({ notice: result.data.notice }) : result;
}

export async function revokeKey(actor: Actor | null, keyId: unknown): Promise<Result<{ notice: string | null }>> {
  const key = await loadOwnedKey(actor, keyId, "key.revoke");
  if (!key.ok || !actor) return key.ok ? fail("unauthenticated", "Please sign in.") : key;
  if (!live(key.data.status)) return fail("conflict", "This key is already revoked.");
  const result = await applyKeyChange(actor, {
    kind: "REVOKE_KEY",
    keyId: key.data.id,
    customerId: key.data.customerId,
    audit: "key.revoke",
    doing: "Revoking the key",
  });
  return result.ok ? ok({ notice: result.data.notice }) : result;
}

export interface RotatedKey {
  newKeyId: string;
  value: string | null;
  graceEndsAt: Date | null;
  notice: string | null;
}

/** A new key in the same plan now; the old one is disabled when the chosen grace period ends. */
export async function rotateKey(actor: Actor | null, keyId: unknown, input: unknown): Promise<Result<RotatedKey>> {
  const key = await loadOwnedKey(actor, keyId, "key.rotate");
  if (!key.ok || !actor) return key.ok ? fail("unauthenticated", "Please sign in.") : key;
  const parsed = rotateKeySchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  if (key.data.status !== "ACTIVE") return fail("conflict", "Only an active key can be rotated.");
  const graceSeconds = ROTATION_GRACE[parsed.data.grace];
  const old = key.data;

  const queued = await db.$transaction(async (tx) => {
    const busy = await tx.operation.count({ where: { apiKeyId: old.id, status: { in: ["QUEUED", "RUNNING"] }, runAfter: { lte: new Date(Date.now() + 60_000) } } });
    if (busy > 0 || old.graceEndsAt) return null;
    const replacement = await tx.apiKey.create({
      data: { customerId: old.customerId, name: old.name, usagePlanId: old.usagePlanId, status: "PENDING", rotatedFromId: old.id, createdById: actor.userId },
    });
    const op = await enqueueOperation(tx, {
      kind: "ROTATE_KEY",
      customerId: old.customerId,
      apiKeyId: old.id,
      input: { newKeyId: replacement.id, graceSeconds },
      createdById: actor.userId,
    });
    await recordAudit(tx, { actor, action: "key.rotate", target: { type: "api_key", id: old.id }, customerId: old.customerId, meta: { newKeyId: replacement.id, grace: parsed.data.grace } });
    return { replacementId: replacement.id, opId: op.id };
  });
  if (!queued) return fail("conflict", "This key is already being rotated or changed. Try again in a moment.");

  const outcome = await runOperationNow(queued.opId);
  if (outcome.status === "failed") return fail("unavailable", failedMessage("Rotating the key", outcome));
  const graceEndsAt = graceSeconds > 0 && outcome.status === "succeeded" ? (await db.apiKey.findUniqueOrThrow({ where: { id: old.id } })).graceEndsAt : null;
  return ok({
    newKeyId: queued.replacementId,
    value: await newKeyValue(outcome, queued.replacementId),
    graceEndsAt,
    notice: outcome.status === "succeeded" ? null : pendingMessage("the new key"),
  });
}
