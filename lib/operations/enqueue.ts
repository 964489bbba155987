import "server-only";
import type { OperationKind, Prisma } from "@/lib/generated/prisma";

export interface NewOperation {
  kind: OperationKind;
  /** Null for account-wide changes (tiers); a customer's operations run one at a time. */
  customerId: string | null;
  apiKeyId?: string | null;
  input?: Prisma.InputJsonValue;
  runAfter?: Date;
  createdById?: string | null;
}

/** Records an operation inside the caller's transaction, so the intent is durable together with the change. */
export function enqueueOperation(tx: Prisma.TransactionClient, op: NewOperation) {
  return tx.operation.create({
    data: {
      kind: op.kind,
      customerId: op.customerId,
      apiKeyId: op.apiKeyId ?? null,
      input: op.input ?? {},
      runAfter: op.runAfter ?? new Date(),
      createdById: op.createdById ?? null,
    },
    select: { id: true },
  });
}
