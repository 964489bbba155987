import "server-only";
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma";

// Only one process runs a snapshot run at a time, whatever the number of workers and web servers sharing the
// database: a run is claimed by one UPDATE that succeeds only while its lease has expired, and the holder renews
// the lease with every page it stores. A crashed holder's lease runs out and the next claim continues from the
// saved cursor. Timestamps are compared in the database's clock (UTC), never a process's.

/** How long a claim holds without renewal. Every page (and every pause between retries) renews it. */
export const LEASE_MS = 60_000;

/** Names this process as a lease holder. */
export function leaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * Claims the oldest queued or interrupted run whose lease has expired (or exactly `runId`), for `owner`: marks it
 * RUNNING and leases it for `leaseMs`. Returns its id, or null when there is nothing to claim. Two claimers never
 * get the same run: the row is locked while the first one's UPDATE runs and skipped by the others
 * (FOR UPDATE SKIP LOCKED), and the lease condition is checked again by the UPDATE itself.
 */
export async function claimSnapshotRun(owner: string, { runId, leaseMs = LEASE_MS }: { runId?: string; leaseMs?: number } = {}): Promise<string | null> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "UsageSnapshotRun" SET
      "status" = 'RUNNING',
      "lockedBy" = ${owner},
      "lockedUntil" = (now() AT TIME ZONE 'UTC') + ${leaseMs} * interval '1 millisecond',
      "startedAt" = COALESCE("startedAt", now() AT TIME ZONE 'UTC')
    WHERE "id" = (
      SELECT "id" FROM "UsageSnapshotRun"
      WHERE "status" IN ('QUEUED', 'RUNNING') AND "lockedUntil" < (now() AT TIME ZONE 'UTC')
        AND (${runId ?? null}::text IS NULL OR "id" = ${runId ?? null}::text)
      ORDER BY "createdAt", "id"
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    ) AND "status" IN ('QUEUED', 'RUNNING') AND "lockedUntil" < (now() AT TIME ZONE 'UTC')
    RETURNING "id"`;
  return rows[0]?.id ?? null;
}

/** Renews `owner`'s lease on the run; false when the lease was lost (expired and claimed by another process). */
export async function renewLease(tx: Prisma.TransactionClient, runId: string, owner: string, leaseMs = LEASE_MS): Promise<boolean> {
  const count = await tx.$executeRaw`
    UPDATE "UsageSnapshotRun" SET "lockedUntil" = (now() AT TIME ZONE 'UTC') + ${leaseMs} * interval '1 millisecond'
    WHERE "id" = ${runId} AND "lockedBy" = ${owner} AND "status" = 'RUNNING'`;
  return count === 1;
}

/** Lets go of the lease so the run may be claimed again after `afterMs` (0: at once). */
export async function releaseLease(runId: string, owner: string, afterMs = 0): Promise<void> {
  await db.$executeRaw`
    UPDATE "UsageSnapshotRun" SET "lockedUntil" = (now() AT TIME ZONE 'UTC') + ${afterMs} * interval '1 millisecond', "lockedBy" = NULL
    WHERE "id" = ${runId} AND "lockedBy" = ${owner}`;
}

/** The lease was lost while working: another process has the run now, so this one stops without writing. */
export class LeaseLostError extends Error {
  constructor(runId: string) {
    super(`The lease on usage snapshot run ${runId} was lost; another process continues it.`);
    this.name = "LeaseLostError";
  }
}
