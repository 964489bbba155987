import "server-only";
import { db } from "@/lib/db";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { ok, type Result } from "@/lib/result";
import { utcDay } from "@/lib/usage/utc-days";

/** One snapshot run as the page shows it (plain data). */
export interface SnapshotRunView {
  id: string;
  trigger: "SCHEDULE" | "MANUAL";
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";
  from: string;
  to: string;
  plansDone: number;
  plansTotal: number;
  pages: number;
  getUsageCalls: number;
  rowsStored: number;
  keysSkipped: number;
  retries: number;
  createdByEmail: string | null;
  /** ISO 8601 */
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  lastError: string | null;
  /** Running with a live lease (not an interrupted run waiting to be resumed). */
  active: boolean;
}

export interface UsageHistoryOverview {
  runs: SnapshotRunView[];
  lastSuccess: SnapshotRunView | null;
  /** The oldest and newest stored day and how many rows are stored (all keys, revoked and deleted customers' too). */
  stored: { firstDay: string | null; lastDay: string | null; rows: number };
  inProgress: boolean;
}

function toView(r: Awaited<ReturnType<typeof db.usageSnapshotRun.findFirstOrThrow>>, now: Date): SnapshotRunView {
  return {
    id: r.id,
    trigger: r.trigger,
    status: r.status,
    from: utcDay(r.fromDate),
    to: utcDay(r.toDate),
    plansDone: r.plansDone,
    plansTotal: r.plansTotal,
    pages: r.pages,
    getUsageCalls: r.getUsageCalls,
    rowsStored: r.rowsStored,
    keysSkipped: r.keysSkipped,
    retries: r.retries,
    createdByEmail: r.createdByEmail,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    lastError: r.lastError,
    active: r.status === "RUNNING" && r.lockedUntil > now,
  };
}

/** The latest snapshot runs (newest first), the last successful one and what is stored. */
export async function usageHistoryOverview(actor: Actor | null, { take = 20 }: { take?: number } = {}): Promise<Result<UsageHistoryOverview>> {
  const allowed = authorize(actor, "usage_history.read");
  if (!allowed.ok) return allowed;
  const now = new Date();
  const [runs, lastSuccess, stored] = await Promise.all([
    db.usageSnapshotRun.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take }),
    db.usageSnapshotRun.findFirst({ where: { status: "SUCCEEDED" }, orderBy: { finishedAt: "desc" } }),
    db.usageDay.aggregate({ _min: { date: true }, _max: { date: true }, _count: { _all: true } }),
  ]);
  const views = runs.map((r) => toView(r, now));
  return ok({
    runs: views,
    lastSuccess: lastSuccess ? toView(lastSuccess, now) : null,
    stored: { firstDay: stored._min.date ? utcDay(stored._min.date) : null, lastDay: stored._max.date ? utcDay(stored._max.date) : null, rows: stored._count._all },
    inProgress: views.some((r) => r.status === "QUEUED" || r.status === "RUNNING"),
  });
}
