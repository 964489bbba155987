import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { runInBackground } from "@/lib/background";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { dayStart, utcDay } from "@/lib/usage/utc-days";
import { createSnapshotRun } from "@/lib/usage-history/create-snapshot-run";
import { claimAndRunSnapshot } from "@/lib/usage-history/run-snapshot";
import { daysInRange, earliestSnapshotDay } from "@/lib/usage-history/snapshot-range";
import { snapshotRangeSchema } from "@/lib/usage-history/snapshot-range.schema";
import { invalidInput } from "@/lib/validation/field-errors";

/**
 * Billing staff take a snapshot of a range now: validated (UTC days, not in the future, not before the earliest day
 * AWS is trusted to still have, so stored history is never overwritten by days AWS has forgotten), queued and
 * audited in one transaction, then started in the background in this process (the lease keeps a worker from running
 * it at the same time). The page shows its progress.
 */
export async function startManualSnapshot(actor: Actor | null, input: unknown, now = new Date()): Promise<Result<{ runId: string; days: number }>> {
  const allowed = authorize(actor, "usage_history.snapshot");
  if (!allowed.ok) return allowed;
  if (!actor) return fail("unauthenticated", "Sign in to take a snapshot.");
  const parsed = snapshotRangeSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { from, to } = parsed.data;
  const today = utcDay(now);
  const lookback = env().GATEHOUSE_USAGE_HISTORY_LOOKBACK_DAYS;
  const earliest = earliestSnapshotDay(today, lookback);
  if (to > today) return fail("invalid", "Please correct the highlighted fields.", { to: [`The last day cannot be after today (${today}, UTC).`] });
  if (from < earliest) {
    return fail("invalid", "Please correct the highlighted fields.", {
      from: [`AWS keeps usage for the last ${lookback} days: the first day can be ${earliest} at the earliest. Older days stay as stored.`],
    });
  }

  const busy = await db.usageSnapshotRun.findFirst({
    where: { status: { in: ["QUEUED", "RUNNING"] }, fromDate: dayStart(from), toDate: dayStart(to) },
    select: { id: true },
  });
  if (busy) return fail("conflict", `A snapshot of ${from} to ${to} is already in progress: its progress is shown below.`);

  const run = await db.$transaction(async (tx) => {
    const created = await createSnapshotRun({ trigger: "MANUAL", from, to, createdBy: { userId: actor.userId, email: actor.email } }, tx);
    await recordAudit(tx, {
      actor: { userId: actor.userId, email: actor.email, role: actor.role },
      action: "usage_history.snapshot",
      target: { type: "usage_snapshot_run", id: created.id },
      meta: { from, to, plans: created.plansTotal },
    });
    return created;
  });
  runInBackground("usage snapshot", async () => {
    await claimAndRunSnapshot({ runId: run.id });
  });
  return ok({ runId: run.id, days: daysInRange(from, to) });
}
