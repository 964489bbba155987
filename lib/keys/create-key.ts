import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { newKeyValue } from "@/lib/keys/new-key-value";
import type { Prisma } from "@/lib/generated/prisma";
import { createKeySchema } from "@/lib/keys/key-name.schema";
import { failedMessage, pendingMessage } from "@/lib/keys/outcome-message";
import { shardHasRoomIn } from "@/lib/shards/placement";
import { enqueueOperation } from "@/lib/operations/enqueue";
import { runOperationNow } from "@/lib/operations/run";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { invalidInput } from "@/lib/validation/field-errors";
import { countLiveKeys, keyLimitReached, roomForAnotherKey } from "@/lib/keys/key-limit";

export interface CreatedKey {
  id: string;
  name: string;
  /** Shown to the customer once; never stored or logged by Gatehouse. Null while creation is queued. */
  value: string | null;
  lastFour: string | null;
  /** Set when AWS was busy and the key is still being created in the background. */
  notice: string | null;
}

/**
 * Creates an API key for the actor's customer in its tier's usage plan, as a durable operation: the record
 * (PENDING) and the CREATE_KEY operation are written first, then run at once; if AWS is throttling or failing the
 * operation retries in the background, and if it cannot finish the AWS key is deleted and the record marked FAILED.
 */
export async function createKey(actor: Actor | null, input: unknown): Promise<Result<CreatedKey>> {
  const allowed = authorize(actor, "key.create");
  if (!allowed.ok) return allowed;
  const parsed = createKeySchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const customerId = actor?.customerId;
  if (!actor || !customerId) return fail("forbidden", "Your account is not linked to a customer.");

  const queued = await queueKeyCreation(customerId, parsed.data.name, actor);
  if (!queued.ok) return queued;
  const { keyId, operationId } = queued.data;

  const outcome = await runOperationNow(operationId);
  if (outcome.status === "succeeded") {
    const [record, value] = await Promise.all([db.apiKey.findUniqueOrThrow({ where: { id: keyId }, select: { lastFour: true } }), newKeyValue(outcome, keyId)]);
    return ok({ id: keyId, name: parsed.data.name, value, lastFour: record.lastFour, notice: null });
  }
  if (outcome.status === "failed") return fail("unavailable", failedMessage("Creating the key", outcome));
  return ok({ id: keyId, name: parsed.data.name, value: null, lastFour: null, notice: pendingMessage("your new key") });
}

/** Records the intent to create a key (PENDING record + CREATE_KEY operation), within the tier's key limit. */
export function queueKeyCreation(customerId: string, name: string, actor: Actor | null): Promise<Result<{ keyId: string; operationId: string }>> {
  return db.$transaction((tx) => queueKeyCreationIn(tx, customerId, name, actor));
}

/** The same, inside the caller's transaction (sign-up queues the first key together with the account). */
export async function queueKeyCreationIn(
  tx: Prisma.TransactionClient,
  customerId: string,
  name: string,
  actor: Actor | null,
): Promise<Result<{ keyId: string; operationId: string }>> {
  {
    const customer = await tx.customer.findUnique({
      where: { id: customerId },
      select: { status: true, shardId: true, tier: { select: { usagePlanId: true, maxKeys: true, name: true } } },
    });
    if (!customer || customer.status !== "ACTIVE") return fail("forbidden", "Your account is not active.");
    if (!roomForAnotherKey(await countLiveKeys(tx, customerId), customer.tier)) return fail("conflict", keyLimitReached(customer.tier));
    if (!(await shardHasRoomIn(tx, customer.shardId))) {
      return fail("unavailable", "No new keys can be created for your account right now: its AWS account is at its key limit. Please contact support.");
    }
    const record = await tx.apiKey.create({
      data: { customerId, name, usagePlanId: customer.tier.usagePlanId, status: "PENDING", createdById: actor?.userId ?? null },
    });
    const op = await enqueueOperation(tx, { kind: "CREATE_KEY", customerId, apiKeyId: record.id, createdById: actor?.userId });
    await recordAudit(tx, {
      actor: actor ? { userId: actor.userId, email: actor.email, role: actor.role } : null,
      action: "key.create",
      target: { type: "api_key", id: record.id },
      customerId,
      meta: { name },
    });
    return ok({ keyId: record.id, operationId: op.id });
  }
}
