import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { describeError } from "@/lib/operations/errors";
import type { ReconcileReport } from "@/lib/operations/reconcile";
import { reconcileExclusively } from "@/lib/operations/reconcile-exclusively";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";

/** What each count of a reconcile report means, in the order an admin reads them. */
export const reconcileReportLines: { key: Exclude<keyof ReconcileReport, "errors" | "shards">; label: string; repair: boolean }[] = [
  { key: "orphansDeleted", label: "AWS keys without a portal record, deleted", repair: true },
  { key: "revokedKeysDeleted", label: "AWS keys of revoked or closed records, deleted", repair: true },
  { key: "missingMarkedRevoked", label: "Key records whose AWS key was gone, marked revoked", repair: true },
  { key: "enabledFixed", label: "Keys whose enabled flag differed in AWS, fixed", repair: true },
  { key: "plansFixed", label: "Keys in the wrong usage plan, moved to their tier's plan", repair: true },
  { key: "stalePendingFailed", label: "Keys stuck being created, closed", repair: true },
  { key: "skippedBusyCustomers", label: "Customers skipped (an operation of theirs is in flight)", repair: false },
  { key: "awsKeys", label: "AWS keys checked", repair: false },
  { key: "records", label: "Key records checked", repair: false },
];

/** How many things a report repaired. */
export function repairsIn(report: ReconcileReport): number {
  return reconcileReportLines.filter((l) => l.repair).reduce((sum, l) => sum + report[l.key], 0);
}

export interface ReconcileRun {
  report: ReconcileReport;
  startedAt: Date;
  finishedAt: Date;
}

let running: Promise<ReconcileRun> | null = null;

class ReconcileBusy extends Error {}

/**
 * "Reconcile now" (operation.reconcile): compares the database with AWS and repairs drift (lib/operations/reconcile.ts),
 * then audits the run with its counts. Two clicks at once share one run in this process; while another process
 * (a worker, another portal replica) reconciles, it answers "conflict".
 */
export async function reconcileNow(actor: Actor | null): Promise<Result<ReconcileRun>> {
  const allowed = authorize(actor, "operation.reconcile");
  if (!allowed.ok || !actor) return allowed.ok ? fail("unauthenticated", "Please sign in to continue.") : allowed;
  const who = { userId: actor.userId, email: actor.email, role: actor.role };
  const joined = running !== null;
  running ??= (async () => {
    const startedAt = new Date();
    const run = await reconcileExclusively();
    if (!run.ran) throw new ReconcileBusy();
    return { report: run.result, startedAt, finishedAt: new Date() };
  })().finally(() => {
    running = null;
  });
  let run: ReconcileRun;
  try {
    run = await running;
  } catch (error) {
    if (error instanceof ReconcileBusy) return fail("conflict", "A reconcile is already running (the worker's, or one started on another server). Try again in a minute.");
    await db.$transaction((tx) =>
      recordAudit(tx, { actor: who, action: "operation.reconcile", target: { type: "reconcile" }, outcome: "failure", meta: { error: describeError(error).slice(0, 200) } }),
    );
    return fail("unavailable", "Reconciling could not finish: AWS or the database did not answer. Nothing is left half-done; try again in a moment.");
  }
  const { errors, ...counts } = run.report;
  if (!joined) {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: who,
        action: "operation.reconcile",
        target: { type: "reconcile" },
        meta: { ...counts, errors: errors.length, repaired: repairsIn(run.report) },
      }),
    );
  }
  return ok(run);
}

/** The last "Reconcile now" an admin ran, from the audit log (the worker's periodic runs are not audited). */
export async function lastReconcile(actor: Actor | null) {
  const allowed = authorize(actor, "operation.list");
  if (!allowed.ok) return allowed;
  const entry = await db.auditLog.findFirst({
    where: { action: "operation.reconcile" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { createdAt: true, actorEmail: true, outcome: true, meta: true },
  });
  return ok(entry);
}
