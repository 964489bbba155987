import "server-only";
import { addKeyToUsagePlan, createApiKey, deleteApiKey } from "@/lib/aws/api-gateway";
import { toAppError } from "@/lib/aws/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { createKeySchema } from "@/lib/keys/key-name.schema";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { invalidInput } from "@/lib/validation/field-errors";

export interface CreatedKey {
  id: string;
  name: string;
  /** Shown to the customer once; never stored or logged by Gatehouse. */
  value: string;
  lastFour: string;
}

/**
 * Creates an API key for the actor's customer in its tier's usage plan.
 * The intent is recorded first (PENDING); then CreateApiKey and CreateUsagePlanKey run; the record becomes ACTIVE,
 * or FAILED after the AWS key is deleted again, so no record ever claims a key AWS does not have.
 * AWS tags the key with the record id (GatehouseKeyId) so a crash between the calls can be reconciled.
 */
export async function createKey(actor: Actor | null, input: unknown): Promise<Result<CreatedKey>> {
  const allowed = authorize(actor, "key.create");
  if (!allowed.ok) return allowed;
  const parsed = createKeySchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const customerId = actor?.customerId;
  if (!actor || !customerId) return fail("forbidden", "Your account is not linked to a customer.");

  const customer = await db.customer.findUnique({
    where: { id: customerId },
    select: { status: true, tier: { select: { usagePlanId: true, maxKeys: true, name: true } } },
  });
  if (!customer || customer.status !== "ACTIVE") return fail("forbidden", "Your account is not active.");
  const liveKeys = await db.apiKey.count({ where: { customerId, status: { in: ["PENDING", "ACTIVE", "DISABLED"] } } });
  if (liveKeys >= customer.tier.maxKeys) {
    return fail("conflict", `The ${customer.tier.name} tier allows ${customer.tier.maxKeys} keys. Revoke one before creating another.`);
  }

  const record = await db.apiKey.create({
    data: { customerId, name: parsed.data.name, usagePlanId: customer.tier.usagePlanId, status: "PENDING", createdById: actor.userId },
  });

  let awsKey: { id: string; value: string };
  try {
    awsKey = await createApiKey({
      name: `gatehouse-${record.id}`,
      description: parsed.data.name,
      customerId,
      tags: { CustomerId: customerId, GatehouseKeyId: record.id },
    });
  } catch (error) {
    const appError = toAppError(error, "Creating the key failed");
    await markFailed(record.id, appError.message, actor, customerId);
    return { ok: false, error: appError };
  }

  try {
    await addKeyToUsagePlan(customer.tier.usagePlanId, awsKey.id);
  } catch (error) {
    const appError = toAppError(error, "Attaching the key to your tier failed");
    await compensateCreatedKey(record.id, awsKey.id, appError.message, actor, customerId);
    return { ok: false, error: appError };
  }

  const lastFour = awsKey.value.slice(-4);
  await db.$transaction(async (tx) => {
    await tx.apiKey.update({
      where: { id: record.id },
      data: { status: "ACTIVE", awsKeyId: awsKey.id, lastFour, activatedAt: new Date() },
    });
    await recordAudit(tx, {
      actor,
      action: "key.create",
      target: { type: "api_key", id: record.id },
      customerId,
      meta: { awsKeyId: awsKey.id, name: parsed.data.name },
    });
  });
  return ok({ id: record.id, name: parsed.data.name, value: awsKey.value, lastFour });
}

async function compensateCreatedKey(recordId: string, awsKeyId: string, reason: string, actor: Actor, customerId: string) {
  try {
    await deleteApiKey(awsKeyId);
    await markFailed(recordId, reason, actor, customerId);
  } catch {
    // The AWS key could not be deleted now: keep the record PENDING with its AWS id so reconciliation removes it.
    await db.apiKey.update({ where: { id: recordId }, data: { awsKeyId, failureReason: `${reason} (cleanup pending)` } });
  }
}

async function markFailed(recordId: string, reason: string, actor: Actor, customerId: string) {
  await db.$transaction(async (tx) => {
    await tx.apiKey.update({ where: { id: recordId }, data: { status: "FAILED", failureReason: reason } });
    await recordAudit(tx, { actor, action: "key.create", target: { type: "api_key", id: recordId }, customerId, outcome: "failure", meta: { reason } });
  });
}
