import "server-only";
import { z } from "zod";
import { updateApiKey } from "@/lib/aws/api-gateway";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { PermanentFailure } from "@/lib/operations/errors";
import type { OperationHandler } from "@/lib/operations/handler";
import { repartitionCustomer } from "@/lib/quota/rebalance";

const input = z.object({ enabled: z.boolean(), reason: z.string().optional() });

/** Turns a key on or off in AWS, then in the record. A scheduled disable (rotation grace) uses this too. */
export async function setKeyEnabled(apiKeyId: string, enabled: boolean, reason?: string): Promise<void> {
  const record = await db.apiKey.findUniqueOrThrow({ where: { id: apiKeyId } });
  if (record.status === "REVOKED" || record.status === "FAILED") return; // nothing left to switch
  if (!record.awsKeyId || record.status === "PENDING") throw new PermanentFailure("The key is still being created.");
  // A key switched on gets its share of the customer's pooled remainder before it can be used again.
  if (enabled) await repartitionCustomer(record.customerId, { include: [record.id] });
  await updateApiKey(record.awsKeyId, { enabled });
  await db.$transaction(async (tx) => {
    await tx.apiKey.update({
      where: { id: record.id },
      data: { status: enabled ? "ACTIVE" : "DISABLED", disabledAt: enabled ? null : new Date(), ...(enabled ? { graceEndsAt: null } : {}) },
    });
    await recordAudit(tx, {
      actor: null,
      action: "key.set_enabled",
      target: { type: "api_key", id: record.id },
      customerId: record.customerId,
      meta: reason ? { enabled, reason } : { enabled },
    });
  });
  // A key switched off (a rotation's old key at the end of its grace) hands its unused share to the others.
  if (!enabled) await repartitionCustomer(record.customerId);
}

export const setKeyEnabledHandler: OperationHandler = {
  async run(ctx) {
    const { enabled, reason } = input.parse(ctx.input);
    if (!ctx.apiKeyId) throw new PermanentFailure("SET_KEY_ENABLED needs a key");
    await setKeyEnabled(ctx.apiKeyId, enabled, reason);
    return undefined;
  },
};
