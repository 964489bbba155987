import "server-only";
import { isProvisionedKey } from "@/lib/keys/key-status";
import {
  addKeyToUsagePlan,
  createApiKey,
  deleteApiKey,
  getApiKeyValue,
  listApiKeysByNamePrefix,
  removeKeyFromUsagePlan,
  usagePlanIdsOfKey,
} from "@/lib/aws/api-gateway";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { awsKeyName } from "@/lib/keys/aws-key-name";
import { errorName, PermanentFailure } from "@/lib/operations/errors";
import { repartitionCustomer } from "@/lib/quota/rebalance";
import { planIdOnShard } from "@/lib/shards/shard-plans";

/**
 * Brings one PENDING key record to ACTIVE: an AWS key named after the record (adopted if a crashed run already
 * created it), in the customer's current tier plan. Safe to re-run at any point.
 */
export async function provisionKey(recordId: string, { firstAttempt = false } = {}): Promise<{ keyValue?: string }> {
  const record = await db.apiKey.findUniqueOrThrow({
    where: { id: recordId },
    include: { customer: { select: { status: true, shardId: true, tierId: true } } },
  });
  if (isProvisionedKey(record.status)) return {};
  if (record.status !== "PENDING") throw new PermanentFailure(`The key is ${record.status.toLowerCase()}.`);
  if (record.customer.status !== "ACTIVE") throw new PermanentFailure("The customer account is not active.");
  // The tier's plan on the customer's shard; the operation runs scoped to that shard (lib/operations/run.ts).
  const planId = await planIdOnShard(record.customer.shardId, record.customer.tierId);

  let awsKeyId = record.awsKeyId;
  let keyValue: string | undefined;
  let createdNow = false;
  if (!awsKeyId) {
    const name = awsKeyName(record.id);
    // Only a retry can find a key an earlier, interrupted run created; the first attempt saves the lookup call.
    const adopted = firstAttempt ? undefined : (await listApiKeysByNamePrefix(name)).find((k) => k.name === name);
    if (adopted) {
      awsKeyId = adopted.id;
      keyValue = await getApiKeyValue(adopted.id);
    } else {
      const created = await createApiKey({
        name,
        description: record.name,
        customerId: record.customerId,
        tags: { CustomerId: record.customerId, GatehouseKeyId: record.id },
      });
      awsKeyId = created.id;
      keyValue = created.value;
      createdNow = true;
    }
    await db.apiKey.update({ where: { id: record.id }, data: { awsKeyId, lastFour: keyValue.slice(-4) } });
  }

  await ensureInPlan(awsKeyId, planId);
  // AWS gives a key new to a plan the full quota: before the key is handed out, the customer's pooled remainder is
  // split over its keys, this one included, so a new or rotated key carries the period's used count. A key created
  // just now has used nothing, so its usage is not read.
  await repartitionCustomer(record.customerId, { include: [record.id], fresh: createdNow ? [record.id] : [] });
  await db.$transaction(async (tx) => {
    await tx.apiKey.update({
      where: { id: record.id },
      data: { status: "ACTIVE", usagePlanId: planId, activatedAt: new Date(), failureReason: null },
    });
    await recordAudit(tx, {
      actor: null,
      action: "key.create",
      target: { type: "api_key", id: record.id },
      customerId: record.customerId,
      meta: { awsKeyId, usagePlanId: planId },
    });
  });
  return { keyValue };
}

/** Puts the key in the plan. A key may not sit in two plans on one stage, so other plans it is in are left first. */
export async function ensureInPlan(awsKeyId: string, planId: string): Promise<void> {
  try {
    await addKeyToUsagePlan(planId, awsKeyId);
    return;
  } catch (error) {
    if (errorName(error) !== "ConflictException") throw error;
  }
  const plans = await usagePlanIdsOfKey(awsKeyId);
  if (plans.includes(planId)) return;
  for (const other of plans) await removeFromPlanIfPresent(other, awsKeyId);
  await addKeyToUsagePlan(planId, awsKeyId);
}

export async function removeFromPlanIfPresent(planId: string, awsKeyId: string): Promise<void> {
  try {
    await removeKeyFromUsagePlan(planId, awsKeyId);
  } catch (error) {
    if (errorName(error) !== "NotFoundException") throw error;
  }
}

export async function deleteAwsKeyIfPresent(awsKeyId: string): Promise<void> {
  try {
    await deleteApiKey(awsKeyId);
  } catch (error) {
    if (errorName(error) !== "NotFoundException") throw error;
  }
}

/** Undoes a provisioning that gave up: the AWS key (found by id or by name) is deleted, the record marked FAILED. */
export async function abandonProvisioning(recordId: string, reason: string): Promise<void> {
  const record = await db.apiKey.findUniqueOrThrow({ where: { id: recordId } });
  if (record.status !== "PENDING") return;
  // A key being adopted existed before the portal: never delete it here; its ADOPT_KEY operation finishes the
  // takeover or gives the key back as it was.
  if (record.adoptedAt) return;
  const name = awsKeyName(record.id);
  const awsIds = new Set<string>(record.awsKeyId ? [record.awsKeyId] : []);
  for (const k of await listApiKeysByNamePrefix(name)) if (k.name === name) awsIds.add(k.id);
  for (const id of awsIds) await deleteAwsKeyIfPresent(id);
  await db.$transaction(async (tx) => {
    await tx.apiKey.update({ where: { id: record.id }, data: { status: "FAILED", failureReason: reason } });
    await recordAudit(tx, {
      actor: null,
      action: "key.create",
      target: { type: "api_key", id: record.id },
      customerId: record.customerId,
      outcome: "failure",
      meta: { reason },
    });
  });
}
