import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma";
import { addDays, dayStart, utcDay } from "@/lib/usage/utc-days";
import { createSnapshotRun } from "@/lib/usage-history/create-snapshot-run";
import { claimAndRunSnapshot, type RunOutcome } from "@/lib/usage-history/run-snapshot";
import { earliestSnapshotDay } from "@/lib/usage-history/snapshot-range";

/**
 * Queues today's scheduled snapshot unless it exists: yesterday and today (yesterday's final figures, today's so
 * far). The very first one backfills instead: every day AWS is trusted to still have
 * (GATEHOUSE_USAGE_HISTORY_LOOKBACK_DAYS, default 90). `scheduledDay` is unique, so workers racing here create one.
 */
export async function ensureDailySnapshot(now = new Date()): Promise<{ created: boolean; runId?: string; from?: string; to?: string }> {
  const today = utcDay(now);
  if (await db.usageSnapshotRun.findUnique({ where: { scheduledDay: dayStart(today) }, select: { id: true } })) return { created: false };
  const backfilled = await db.usageSnapshotRun.findFirst({ where: { status: "SUCCEEDED" }, select: { id: true } });
  const from = backfilled ? addDays(today, -1) : earliestSnapshotDay(today, env().GATEHOUSE_USAGE_HISTORY_LOOKBACK_DAYS);
  try {
    const run = await createSnapshotRun({ trigger: "SCHEDULE", from, to: today, scheduledDay: today });
    return { created: true, runId: run.id, from, to: today };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { created: false };
    throw error;
  }
}

/** Runs claimable snapshot runs one after another (queued ones, and interrupted ones whose lease ran out). */
export async function runDueSnapshots({ limit = 5 }: { limit?: number } = {}): Promise<{ runId: string; outcome: RunOutcome }[]> {
  const done: { runId: string; outcome: RunOutcome }[] = [];
  for (let i = 0; i < limit; i++) {
    const result = await claimAndRunSnapshot();
    if (!result) break;
    done.push(result);
  }
  return done;
}

/** The worker's job: queue today's snapshot if missing, then run whatever is due. Returns what it did, or null. */
export async function usageHistoryTick(now = new Date()) {
  const scheduled = await ensureDailySnapshot(now);
  const runs = await runDueSnapshots();
  return scheduled.created || runs.length ? { scheduled: scheduled.created ? `${scheduled.from}..${scheduled.to}` : null, runs } : null;
}
