import "server-only";
import { db } from "@/lib/db";

export interface QueueDepth {
  status: "QUEUED" | "RUNNING";
  kind: string;
  count: number;
}

/**
 * How many operations wait (QUEUED: due or scheduled for a retry) and run (RUNNING, a worker holds them), by kind.
 * Finished ones are history, not queue: they are not counted (the table only grows).
 */
export async function queueDepth(): Promise<QueueDepth[]> {
  const rows = await db.operation.groupBy({
    by: ["status", "kind"],
    where: { status: { in: ["QUEUED", "RUNNING"] } },
    _count: { _all: true },
  });
  return rows.map((row) => ({ status: row.status as QueueDepth["status"], kind: row.kind, count: row._count._all }));
}
