import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma";
import { nextSlot } from "@/lib/tiers/admin-plan";

// AWS allows one UpdateUsagePlan call per 20 s per account, shared by every process of the portal. Each UPDATE_TIER
// operation that must call it reserves a slot when it is queued: slots are 21 s apart, handed out in order under a
// database lock, so every process (web servers, the worker) takes its turn and the form never sees a throttle.

const SLOT_LOCK = 7_310_001; // pg_advisory_xact_lock key for slot reservations

/** Reserves the next UpdateUsagePlan slot, inside the caller's transaction (which records the operation). */
export async function reserveUpdateSlot(tx: Prisma.TransactionClient, now = new Date()): Promise<Date> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SLOT_LOCK})`;
  const rows = await tx.$queryRaw<{ last: Date | null }[]>`
    SELECT max(("input"->>'slotAt')::timestamptz) AS last FROM "Operation"
    WHERE kind = 'UPDATE_TIER' AND "input" ? 'slotAt' AND "createdAt" > (now() AT TIME ZONE 'UTC') - interval '1 day'`;
  const last = rows[0]?.last ?? null;
  return nextSlot(now, last ? new Date(last) : null);
}

export interface QueuedChange {
  id: string;
  tierId: string;
  status: "queued" | "running";
  /** 1 = next to call UpdateUsagePlan. */
  position: number;
  /** When its turn comes (its reserved slot, or its retry time). */
  runAfter: Date;
  fields: string[];
  lastError: string | null;
}

/** The tier changes still waiting or running, in the order they call AWS. */
export async function queuedTierChanges(): Promise<QueuedChange[]> {
  const ops = await db.operation.findMany({
    where: { kind: "UPDATE_TIER", status: { in: ["QUEUED", "RUNNING"] } },
    orderBy: [{ runAfter: "asc" }, { createdAt: "asc" }],
    select: { id: true, status: true, input: true, runAfter: true, lastError: true },
  });
  return ops.map((op, index) => {
    const input = (op.input ?? {}) as { tierId?: string; fields?: string[] };
    return {
      id: op.id,
      tierId: input.tierId ?? "",
      status: op.status === "RUNNING" ? "running" : "queued",
      position: index + 1,
      runAfter: op.runAfter,
      fields: input.fields ?? [],
      lastError: op.lastError,
    };
  });
}
