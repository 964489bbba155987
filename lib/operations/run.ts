import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma";
import { backoffMs, MAX_ATTEMPTS } from "@/lib/operations/backoff";
import { describeError, RunLater, shouldRetry } from "@/lib/operations/errors";
import type { OperationContext, OperationResult, OperationState } from "@/lib/operations/handler";
import { handlers } from "@/lib/operations/registry";
import { withShard } from "@/lib/shards/scope";

const LOCK_SECONDS = 120;

export type RunOutcome =
  | { status: "succeeded"; result: OperationResult }
  | { status: "retrying"; error: string; runAfter: Date }
  | { status: "failed"; error: string }
  | { status: "not_claimed" };

/**
 * Claims operations that are due (and ones whose worker died: RUNNING past their lock), at most one running per
 * customer, oldest first. `horizonSeconds` lets tests and the CLI treat retries scheduled soon as due now;
 * `customerIds` narrows the claim to those customers' operations (a test drains its own, not other files' leftovers).
 */
async function claimDue(limit: number, horizonSeconds: number, customerIds?: string[]): Promise<string[]> {
  const scoped = customerIds !== undefined;
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH now_utc AS (SELECT (now() AT TIME ZONE 'UTC') AS t),
    candidates AS (
      SELECT o.id FROM "Operation" o, now_utc
      WHERE ((o.status = 'QUEUED' AND o."runAfter" <= now_utc.t + make_interval(secs => ${horizonSeconds}))
          OR (o.status = 'RUNNING' AND o."lockedUntil" < now_utc.t))
        AND (${!scoped} OR o."customerId" = ANY(${customerIds ?? []}::text[]))
        AND NOT EXISTS (
          SELECT 1 FROM "Operation" busy, now_utc n2
          WHERE busy."customerId" = o."customerId" AND busy.id <> o.id
            AND busy.status = 'RUNNING' AND busy."lockedUntil" >= n2.t)
      ORDER BY o."runAfter", o."createdAt"
      LIMIT ${limit * 4}
      FOR UPDATE OF o SKIP LOCKED
    )
    UPDATE "Operation" u SET status = 'RUNNING', "lockedUntil" = (SELECT t FROM now_utc) + make_interval(secs => ${LOCK_SECONDS}),
      attempts = u.attempts + 1, "updatedAt" = (SELECT t FROM now_utc)
    WHERE u.id IN (SELECT id FROM candidates)
    RETURNING u.id, u."customerId"`;
  // One per customer per batch: a customer's operations run in order.
  const seen = new Set<string>();
  const picked: string[] = [];
  const release: string[] = [];
  for (const row of rows as { id: string; customerId: string | null }[]) {
    const owner = row.customerId ?? row.id;
    if (seen.has(owner) || picked.length >= limit) release.push(row.id);
    else {
      seen.add(owner);
      picked.push(row.id);
    }
  }
  if (release.length) {
    await db.operation.updateMany({
      where: { id: { in: release } },
      data: { status: "QUEUED", lockedUntil: null, attempts: { decrement: 1 } },
    });
  }
  return picked;
}

async function claimOne(id: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Operation" SET status = 'RUNNING', "lockedUntil" = (now() AT TIME ZONE 'UTC') + make_interval(secs => ${LOCK_SECONDS}),
      attempts = attempts + 1, "updatedAt" = (now() AT TIME ZONE 'UTC')
    WHERE id = ${id} AND status = 'QUEUED'
      AND NOT EXISTS (SELECT 1 FROM "Operation" busy WHERE busy."customerId" = "Operation"."customerId" AND busy.id <> ${id}
        AND busy.status = 'RUNNING' AND busy."lockedUntil" >= (now() AT TIME ZONE 'UTC'))
    RETURNING id`;
  return rows.length === 1;
}

function stateOf(value: Prisma.JsonValue | null): OperationState {
  const state: OperationState = {};
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, entry] of Object.entries(value)) if (entry !== undefined) state[key] = entry;
  }
  return state;
}

/**
 * Runs one claimed operation to success, a scheduled retry, or failure with compensation. A customer's operation
 * runs scoped to the customer's shard, so its AWS calls go to the account holding the customer's keys.
 */
async function execute(id: string): Promise<RunOutcome> {
  const op = await db.operation.findUniqueOrThrow({ where: { id }, include: { customer: { select: { shardId: true } } } });
  return op.customer ? withShard(op.customer.shardId, () => executeLoaded(op)) : executeLoaded(op);
}

async function executeLoaded(op: Prisma.OperationGetPayload<object>): Promise<RunOutcome> {
  const { id } = op;
  const state = stateOf(op.state);
  const ctx: OperationContext = {
    id: op.id,
    kind: op.kind,
    customerId: op.customerId,
    apiKeyId: op.apiKeyId,
    input: op.input,
    createdById: op.createdById,
    attempt: op.attempts,
    state,
    async save(patch) {
      Object.assign(state, patch);
      await db.operation.update({ where: { id }, data: { state } });
    },
  };
  const handler = handlers[op.kind];

  try {
    const result = state.compensating === true ? undefined : await handler.run(ctx);
    if (state.compensating === true) throw new CompensationResumed(String(state.failure ?? "gave up"));
    await db.operation.update({
      where: { id },
      data: { status: "SUCCEEDED", finishedAt: new Date(), lockedUntil: null, lastError: null },
    });
    return { status: "succeeded", result };
  } catch (error) {
    if (error instanceof RunLater) {
      // Waiting is not an attempt: back in the queue at the time it asked for, with the reason shown meanwhile.
      await db.operation.update({
        where: { id },
        data: { status: "QUEUED", runAfter: error.at, lockedUntil: null, lastError: null, attempts: { decrement: 1 } },
      });
      return { status: "retrying", error: error.message, runAfter: error.at };
    }
    const message = error instanceof CompensationResumed ? error.message : describeError(error);
    if (!(error instanceof CompensationResumed) && shouldRetry(error) && op.attempts < MAX_ATTEMPTS) {
      const runAfter = new Date(Date.now() + backoffMs(op.attempts));
      await db.operation.update({ where: { id }, data: { status: "QUEUED", runAfter, lockedUntil: null, lastError: message } });
      return { status: "retrying", error: message, runAfter };
    }
    return compensate(id, ctx, message);
  }
}

class CompensationResumed extends Error {}

async function compensate(id: string, ctx: OperationContext, failure: string): Promise<RunOutcome> {
  const handler = handlers[ctx.kind];
  try {
    await handler.compensate?.(ctx, failure);
  } catch (error) {
    // Compensation could not finish now: keep the operation queued in compensating mode; it resumes later.
    await ctx.save({ compensating: true, failure });
    const runAfter = new Date(Date.now() + backoffMs(3));
    await db.operation.update({
      where: { id },
      data: { status: "QUEUED", runAfter, lockedUntil: null, lastError: `compensation: ${describeError(error)}` },
    });
    return { status: "retrying", error: failure, runAfter };
  }
  const now = new Date();
  await db.operation.update({
    where: { id },
    data: { status: "FAILED", finishedAt: now, lockedUntil: null, lastError: failure, compensatedAt: handler.compensate ? now : null },
  });
  return { status: "failed", error: failure };
}

/**
 * Runs a just-enqueued operation in the caller's request, so the user sees the result at once when AWS answers.
 * If the worker got to it first, or another change of the same customer is still running, waits a little for that.
 */
export async function runOperationNow(id: string, { waitMs = 8000 } = {}): Promise<RunOutcome> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (await claimOne(id)) return execute(id);
    const op = await db.operation.findUnique({ where: { id }, select: { status: true, attempts: true, lastError: true, runAfter: true } });
    if (!op) return { status: "not_claimed" };
    if (op.status === "SUCCEEDED") return { status: "succeeded", result: undefined };
    if (op.status === "FAILED") return { status: "failed", error: op.lastError ?? "failed" };
    if (op.status === "QUEUED" && op.attempts > 0) return { status: "retrying", error: op.lastError ?? "", runAfter: op.runAfter };
    if (Date.now() > deadline) return { status: "not_claimed" };
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * Claims and runs due operations, a few at a time (AWS pacing in lib/aws keeps them within the account limits).
 * Once `signal` aborts (the worker is stopping), the running ones finish and the claimed ones not yet started go
 * back to the queue at once, for another worker.
 */
export async function runDueOperations({
  limit = 20,
  concurrency = 4,
  horizonSeconds = 0,
  customerIds,
  signal,
}: { limit?: number; concurrency?: number; horizonSeconds?: number; customerIds?: string[]; signal?: AbortSignal } = {}): Promise<RunOutcome[]> {
  const ids = await claimDue(limit, horizonSeconds, customerIds);
  const outcomes: RunOutcome[] = [];
  let next = 0;
  async function lane() {
    while (next < ids.length && !signal?.aborted) {
      const id = ids[next++];
      if (id) outcomes.push(await execute(id));
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, lane));
  const unstarted = ids.slice(next);
  if (unstarted.length) {
    await db.operation.updateMany({
      where: { id: { in: unstarted }, status: "RUNNING" },
      data: { status: "QUEUED", lockedUntil: null, attempts: { decrement: 1 } },
    });
  }
  return outcomes;
}

/** For tests and the reconcile command: runs operations until none is due within the horizon. */
export async function drainOperations({
  horizonSeconds = 0,
  maxRounds = 500,
  customerIds,
}: { horizonSeconds?: number; maxRounds?: number; customerIds?: string[] } = {}): Promise<number> {
  let total = 0;
  for (let round = 0; round < maxRounds; round++) {
    const outcomes = await runDueOperations({ limit: 50, concurrency: 4, horizonSeconds, customerIds });
    if (outcomes.length === 0) break;
    total += outcomes.length;
  }
  return total;
}
