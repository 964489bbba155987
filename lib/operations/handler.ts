import "server-only";
import type { OperationKind, Prisma } from "@/lib/generated/prisma";

export type OperationState = Record<string, Prisma.JsonValue>;

export interface OperationContext {
  id: string;
  kind: OperationKind;
  customerId: string | null;
  apiKeyId: string | null;
  input: Prisma.JsonValue;
  createdById: string | null;
  /** 1 on the first run; higher when retrying or resuming after a crash. */
  attempt: number;
  /** Progress saved so far; a resumed run continues from here. */
  state: OperationState;
  /** Persists progress (merged into state) before the next step runs. */
  save(patch: OperationState): Promise<void>;
}

/**
 * One kind of durable change. `run` must be idempotent given `state`: it may be re-run after a crash or a retry.
 * `compensate` undoes what `run` did when the operation gives up, leaving nothing half-done.
 */
export interface OperationHandler {
  run(ctx: OperationContext): Promise<OperationResult>;
  compensate?(ctx: OperationContext, reason: string): Promise<void>;
}

/** What a run hands back to a caller waiting on it (never persisted: it may hold a key value). */
export type OperationResult = { keyValue?: string } | undefined;
