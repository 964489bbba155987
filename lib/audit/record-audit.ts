import "server-only";
import type { Prisma, Role } from "@/lib/generated/prisma";
import type { AuditAction } from "@/lib/policy/action-names";

export interface AuditEvent {
  actor: { userId: string; email: string; role: Role } | null;
  /**
   * A policy action or an audit-only event (lib/policy/action-names.ts). A change the worker completes later is
   * recorded under the name of the action that asked for it, with no actor.
   */
  action: AuditAction;
  target: { type: string; id?: string | null };
  customerId?: string | null;
  outcome?: "success" | "failure";
  /** Small, non-secret facts. Never an API key value or a whole SDK response. */
  meta?: Prisma.InputJsonValue;
}

/** Appends one audit entry. Call it with the transaction client of the change it records. */
export async function recordAudit(tx: Prisma.TransactionClient, event: AuditEvent): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: event.actor?.userId ?? null,
      actorEmail: event.actor?.email ?? null,
      actorRole: event.actor?.role ?? null,
      action: event.action,
      targetType: event.target.type,
      targetId: event.target.id ?? null,
      customerId: event.customerId ?? null,
      outcome: event.outcome ?? "success",
      meta: event.meta,
    },
  });
}
