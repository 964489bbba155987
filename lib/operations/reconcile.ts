import "server-only";
import { isProvisionedKey } from "@/lib/keys/key-status";
import { keyIdsInUsagePlan, listApiKeysByNamePrefix, updateApiKey } from "@/lib/aws/api-gateway";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { awsKeyPrefix } from "@/lib/keys/aws-key-name";
import { describeError } from "@/lib/operations/errors";
import { shardsConfig, shardsConfigured } from "@/lib/shards/config";
import { withShard } from "@/lib/shards/scope";
import { planIdOnShard, tierPlansOnShard } from "@/lib/shards/shard-plans";
import { abandonProvisioning, deleteAwsKeyIfPresent, ensureInPlan, removeFromPlanIfPresent } from "@/lib/operations/handlers/provision-key";

export interface ReconcileReport {
  awsKeys: number;
  records: number;
  orphansDeleted: number;
  revokedKeysDeleted: number;
  missingMarkedRevoked: number;
  enabledFixed: number;
  plansFixed: number;
  stalePendingFailed: number;
  skippedBusyCustomers: number;
  /** Repairs that failed this time (AWS errors); the next run tries again. */
  errors: string[];
  /** The same figures for each shard (one entry, "default", without GATEHOUSE_SHARDS). */
  shards: ({ shardId: string } & Omit<ReconcileReport, "shards">)[];
}

const STALE_PENDING_MS = 5 * 60_000;

/** Reconciles every shard in turn, each against its own account; the report sums them and lists each. */
export async function reconcile(): Promise<ReconcileReport> {
  const total: ReconcileReport = { ...zeroCounts(), errors: [], shards: [] };
  for (const shard of shardsConfig()) {
    const report = await withShard(shard.id, () => reconcileShard(shard.id));
    total.shards.push({ shardId: shard.id, ...report });
    for (const field of COUNTS) total[field] += report[field];
    total.errors.push(...report.errors.map((e) => (shardsConfigured() ? `shard ${shard.id}: ${e}` : e)));
  }
  return total;
}

const COUNTS = [
  "awsKeys",
  "records",
  "orphansDeleted",
  "revokedKeysDeleted",
  "missingMarkedRevoked",
  "enabledFixed",
  "plansFixed",
  "stalePendingFailed",
  "skippedBusyCustomers",
] as const;

/** Every count of a report at zero. */
const zeroCounts = () => Object.fromEntries(COUNTS.map((field) => [field, 0])) as Record<(typeof COUNTS)[number], number>;

/**
 * One shard: compares the portal's key records of the shard's customers with the shard's AWS account (keys found by Gatehouse's name prefix and GatehouseKeyId tag, plan
 * memberships per tier plan) and repairs drift: AWS keys without a live record are deleted, live records whose key
 * vanished are marked revoked, enabled flags and plan memberships are set to what the records say. Customers with an
 * operation in flight are left alone (their operation is the source of truth until it finishes).
 */
export async function reconcileShard(shardId: string): Promise<Omit<ReconcileReport, "shards">> {
  const prefix = awsKeyPrefix();
  const soon = new Date(Date.now() + 60_000);
  const [awsKeys, records, tiers, busyOps] = await Promise.all([
    listApiKeysByNamePrefix(prefix),
    db.apiKey.findMany({
      where: { customer: { shardId } },
      select: {
        id: true,
        customerId: true,
        awsKeyId: true,
        status: true,
        createdAt: true,
        customer: { select: { status: true, tierId: true } },
      },
    }),
    tierPlansOnShard(shardId),
    db.operation.findMany({
      where: { status: { in: ["QUEUED", "RUNNING"] }, runAfter: { lte: soon } },
      select: { customerId: true, apiKeyId: true, kind: true },
    }),
  ]);
  const busyCustomers = new Set(busyOps.map((o) => o.customerId).filter((c): c is string => c !== null));
  const report: Omit<ReconcileReport, "shards"> = {
    ...zeroCounts(),
    awsKeys: awsKeys.length,
    records: records.length,
    skippedBusyCustomers: busyCustomers.size,
    errors: [],
  };
  const recordsById = new Map(records.map((r) => [r.id, r]));
  const planMembers = new Map<string, Set<string>>();
  for (const usagePlanId of new Set(tiers.values())) {
    try {
      planMembers.set(usagePlanId, new Set(await keyIdsInUsagePlan(usagePlanId)));
    } catch (error) {
      report.errors.push(`usage plan ${usagePlanId}: ${describeError(error)}`);
    }
  }

  const seenAwsIds = new Set<string>(awsKeys.map((k) => k.id));
  for (const awsKey of awsKeys) {
    try {
      await repairAwsKey(awsKey);
    } catch (error) {
      report.errors.push(`AWS key ${awsKey.id}: ${describeError(error)}`);
    }
  }

  async function repairAwsKey(awsKey: (typeof awsKeys)[number]) {
    const recordId = awsKey.tags.GatehouseKeyId ?? awsKey.name.slice(prefix.length);
    const record = recordsById.get(recordId);
    if (!record) {
      await deleteAwsKeyIfPresent(awsKey.id);
      report.orphansDeleted++;
      return;
    }
    if (busyCustomers.has(record.customerId) || record.status === "PENDING") return;
    const live = isProvisionedKey(record.status) && record.customer.status !== "DELETED";
    if (!live || (record.awsKeyId !== null && record.awsKeyId !== awsKey.id)) {
      await deleteAwsKeyIfPresent(awsKey.id);
      report.revokedKeysDeleted++;
      return;
    }
    if (awsKey.enabled !== (record.status === "ACTIVE")) {
      await updateApiKey(awsKey.id, { enabled: record.status === "ACTIVE" });
      report.enabledFixed++;
    }
    const expected = tiers.get(record.customer.tierId) ?? (await planIdOnShard(shardId, record.customer.tierId));
    const memberOf = [...planMembers].filter(([, members]) => members.has(awsKey.id)).map(([plan]) => plan);
    if (memberOf.length !== 1 || memberOf[0] !== expected) {
      for (const plan of memberOf) if (plan !== expected) await removeFromPlanIfPresent(plan, awsKey.id);
      await ensureInPlan(awsKey.id, expected);
      await db.apiKey.update({ where: { id: record.id }, data: { usagePlanId: expected } });
      report.plansFixed++;
    }
  }

  for (const record of records) {
    if (busyCustomers.has(record.customerId)) continue;
    try {
      await repairRecord(record);
    } catch (error) {
      report.errors.push(`key record ${record.id}: ${describeError(error)}`);
    }
  }
  return report;

  async function repairRecord(record: (typeof records)[number]) {
    if (isProvisionedKey(record.status) && (!record.awsKeyId || !seenAwsIds.has(record.awsKeyId))) {
      await db.$transaction(async (tx) => {
        await tx.apiKey.update({
          where: { id: record.id },
          data: { status: "REVOKED", revokedAt: new Date(), failureReason: "The key no longer exists in AWS." },
        });
        await recordAudit(tx, { actor: null, action: "key.reconciled_missing", target: { type: "api_key", id: record.id }, customerId: record.customerId });
      });
      report.missingMarkedRevoked++;
    } else if (record.status === "PENDING" && Date.now() - record.createdAt.getTime() > STALE_PENDING_MS) {
      await abandonProvisioning(record.id, "Creating the key did not finish; nothing was left in AWS.");
      report.stalePendingFailed++;
    }
  }
}
