import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import type { OperationHandler } from "@/lib/operations/handler";
import { revokeKeyNow } from "@/lib/operations/handlers/revoke-key";
import { LIVE_KEY_STATUSES } from "@/lib/keys/key-status";

/**
 * Completes an account deletion: every key is deleted in AWS (records kept as REVOKED), personal data is scrubbed
 * from the users, and the audit trail stays. Retried until done; there is nothing to compensate.
 */
export const deleteCustomerHandler: OperationHandler = {
  async run(ctx) {
    const customerId = ctx.customerId ?? "";
    const keys = await db.apiKey.findMany({ where: { customerId, status: { in: LIVE_KEY_STATUSES } }, select: { id: true } });
    for (const key of keys) await revokeKeyNow(key.id, "account deleted");

    await db.$transaction(async (tx) => {
      const users = await tx.user.findMany({ where: { customerId }, select: { id: true } });
      for (const user of users) {
        await tx.user.update({
          where: { id: user.id },
          data: { email: `deleted+${user.id}@deleted.invalid`, name: "Deleted user", passwordHash: null },
        });
        await tx.account.deleteMany({ where: { userId: user.id } });
        await tx.passwordResetToken.deleteMany({ where: { userId: user.id } });
      }
      await tx.customer.update({ where: { id: customerId }, data: { status: "DELETED", deletedAt: new Date(), name: "Deleted customer", company: null } });
      await tx.operation.updateMany({
        where: { customerId, status: "QUEUED", id: { not: ctx.id } },
        data: { status: "FAILED", lastError: "The account was deleted.", finishedAt: new Date() },
      });
      await tx.tierChangeRequest.updateMany({ where: { customerId, status: "PENDING" }, data: { status: "CANCELLED" } });
      await recordAudit(tx, { actor: null, action: "account.delete", target: { type: "customer", id: customerId }, customerId, meta: { keysRevoked: keys.length } });
    });
    return undefined;
  },
};
