import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { PermanentFailure } from "@/lib/operations/errors";
import type { OperationHandler } from "@/lib/operations/handler";
import { abandonProvisioning, deleteAwsKeyIfPresent } from "@/lib/operations/handlers/provision-key";
import { storeUsageBeforeRemoval } from "@/lib/quota/rebalance";

/** Deletes the key in AWS and keeps the record, marked REVOKED. */
export async function revokeKeyNow(apiKeyId: string, reason: string): Promise<void> {
  const record = await db.apiKey.findUniqueOrThrow({ where: { id: apiKeyId } });
  if (record.status === "REVOKED" || record.status === "FAILED") return;
  if (record.status === "PENDING") {
    await abandonProvisioning(record.id, reason);
  } else if (record.awsKeyId) {
    // Its requests this period still count against the customer's pooled quota: stored before AWS forgets them.
    await storeUsageBeforeRemoval({ id: record.id, awsKeyId: record.awsKeyId, usagePlanId: record.usagePlanId });
    await deleteAwsKeyIfPresent(record.awsKeyId);
  }
  await db.$transaction(async (tx) => {
    await tx.apiKey.update({ where: { id: record.id }, data: { status: "REVOKED", revokedAt: new Date(), graceEndsAt: null } });
    await recordAudit(tx, { actor: null, action: "key.revoke", target: { type: "api_key", id: record.id }, customerId: record.customerId, meta: { reason } });
  });
}

export const revokeKeyHandler: OperationHandler = {
  async run(ctx) {
    if (!ctx.apiKeyId) throw new PermanentFailure("REVOKE_KEY needs a key");
    await revokeKeyNow(ctx.apiKeyId, "revoked by the customer");
    return undefined;
  },
};
