import "server-only";
import { db } from "@/lib/db";
import type { Prisma, UsageSnapshotTrigger } from "@/lib/generated/prisma";
import { dayStart } from "@/lib/usage/utc-days";

/**
 * The usage plans a snapshot sweeps: every tier's plan (retired ones too) and any plan a key record still names.
 * Sorted, and fixed on the run when it is created, so the run's cursor (an index into the list) stays meaningful.
 */
export async function plansToSnapshot(tx: Prisma.TransactionClient = db): Promise<string[]> {
  const [tiers, keyPlans] = await Promise.all([
    tx.tier.findMany({ select: { usagePlanId: true } }),
    tx.apiKey.findMany({ distinct: ["usagePlanId"], select: { usagePlanId: true } }),
  ]);
  return [...new Set([...tiers.map((t) => t.usagePlanId), ...keyPlans.map((k) => k.usagePlanId)])].sort();
}

export interface NewSnapshotRun {
  trigger: UsageSnapshotTrigger;
  /** UTC days, YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  scheduledDay?: string;
  createdBy?: { userId: string; email: string } | null;
  /** Only these plans (benchmarks and tests of one plan); default: every plan (plansToSnapshot). */
  planIds?: string[];
}

/** Queues a snapshot run (status QUEUED, claimable at once). For callers that have validated the range. */
export async function createSnapshotRun(run: NewSnapshotRun, tx: Prisma.TransactionClient = db) {
  const planIds = run.planIds ?? (await plansToSnapshot(tx));
  return tx.usageSnapshotRun.create({
    data: {
      trigger: run.trigger,
      scheduledDay: run.scheduledDay ? dayStart(run.scheduledDay) : null,
      fromDate: dayStart(run.from),
      toDate: dayStart(run.to),
      planIds,
      plansTotal: planIds.length,
      createdById: run.createdBy?.userId ?? null,
      createdByEmail: run.createdBy?.email ?? null,
    },
  });
}
