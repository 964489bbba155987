import "server-only";
import { setTimeout as wait } from "node:timers/promises";
import { isRetryable } from "@/lib/aws/errors";
import { getUsagePage, type UsagePage } from "@/lib/aws/usage";
import { withPlanShard } from "@/lib/shards/customer-shard";
import { db } from "@/lib/db";
import { upsertUsageDays, type UsageDayRow } from "@/lib/usage/store-usage-days";
import { addDays, dayStart, utcDay } from "@/lib/usage/utc-days";
import { chunkEnd } from "@/lib/usage-history/snapshot-range";
import { claimSnapshotRun, LEASE_MS, LeaseLostError, leaseOwner, releaseLease, renewLease } from "@/lib/usage-history/snapshot-lease";

/**
 * Rows per INSERT: a whole page (500 keys × up to 90 days) in one statement. Each statement has six array parameters
 * whatever its size, and the usage rollup's triggers run once per statement, so fewer, larger statements are cheaper.
 */
export const ROWS_PER_STATEMENT = 45_000;
/** Consecutive throttled/failed GetUsage calls before the run pauses (lease released for a while, cursor kept). */
const MAX_CONSECUTIVE_RETRIES = 8;
const MAX_BACKOFF_MS = 20_000;
/** How long a paused run waits before any worker may claim it again. */
const PAUSE_MS = 5 * 60_000;

export interface RunOptions {
  owner?: string;
  leaseMs?: number;
  /** First pause after a throttled call (doubles up to 20 s). Tests shorten it. */
  backoffMs?: number;
  /** Stops (as a crash would: lease kept, nothing marked) after this many pages. For tests of resuming. */
  stopAfterPages?: number;
}

export type RunOutcome = "succeeded" | "failed" | "paused" | "stopped" | "lease_lost";

interface Cursor {
  planIndex: number;
  chunkStart: string;
  position: string | undefined;
}

/** Claims and runs `runId` (or the oldest claimable run). Null when there was nothing to claim. */
export async function claimAndRunSnapshot(opts: RunOptions & { runId?: string } = {}): Promise<{ runId: string; outcome: RunOutcome } | null> {
  const owner = opts.owner ?? leaseOwner();
  const runId = await claimSnapshotRun(owner, { runId: opts.runId, leaseMs: opts.leaseMs });
  if (!runId) return null;
  return { runId, outcome: await runClaimedSnapshot(runId, { ...opts, owner }) };
}

/**
 * Sweeps a claimed run from its saved cursor: for each usage plan, each chunk of at most 90 days, each page of up to
 * 500 keys, one GetUsage call; the page's rows (through upsertUsageDays) and the advanced cursor and counters are
 * written in one transaction that also renews the lease, so a crash loses at most the page in flight and a rerun
 * of stored days only overwrites them with the same figures. Keys AWS reports that the portal has no record of are
 * counted (once per plan) and skipped. Throttling and outages pause with backoff and continue; after several in a
 * row the run lets go of its lease for a few minutes (still RUNNING, cursor kept) and any worker resumes it later.
 */
export async function runClaimedSnapshot(runId: string, opts: RunOptions & { owner: string }): Promise<RunOutcome> {
  const { owner } = opts;
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const run = await db.usageSnapshotRun.findUniqueOrThrow({ where: { id: runId } });
  const from = utcDay(run.fromDate);
  const to = utcDay(run.toDate);
  const tiers = await db.tier.findMany({ where: { usagePlanId: { in: run.planIds } }, select: { usagePlanId: true, quotaLimit: true } });
  const planHasQuota = new Map(tiers.map((t) => [t.usagePlanId, t.quotaLimit !== null]));
  const cursor: Cursor = { planIndex: run.planIndex, chunkStart: run.chunkStart ? utcDay(run.chunkStart) : from, position: run.position ?? undefined };

  let prefetched: { key: string; page: Promise<UsagePage> } | null = null;
  let pagesThisClaim = 0;
  let consecutiveFailures = 0;
  let retriedBefore = (run.lastError ?? "").startsWith("Retrying after");
  let backoff = opts.backoffMs ?? 500;
  while (cursor.planIndex < run.planIds.length) {
    const planId = run.planIds[cursor.planIndex] ?? "";
    const endDate = chunkEnd(cursor.chunkStart, to);
    let page: UsagePage;
    try {
      // The next page is read while the previous one is stored (prefetched below), one call at a time.
      const key = cursorKey(cursor);
      const pending = prefetched?.key === key ? prefetched.page : fetchPage(run.planIds, cursor, to);
      prefetched = null;
      page = await pending;
    } catch (error) {
      const message = describe(error);
      if (error instanceof Error && error.name === "NotFoundException") {
        // The plan was deleted in AWS: nothing to read there any more. Its stored history stays.
        await advance(runId, owner, leaseMs, nextPlan(cursor, from), { getUsageCalls: 1, plansDone: 1 }, [], `Usage plan ${planId} no longer exists in AWS: skipped.`);
        Object.assign(cursor, nextPlan(cursor, from));
        continue;
      }
      if (!isRetryable(error)) {
        await finish(runId, owner, "FAILED", `GetUsage for plan ${planId} failed: ${message}`, { getUsageCalls: 1 });
        return "failed";
      }
      consecutiveFailures += 1;
      await db.usageSnapshotRun.update({ where: { id: runId }, data: { retries: { increment: 1 }, getUsageCalls: { increment: 1 }, lastError: `Retrying after: ${message}` } });
      if (consecutiveFailures >= MAX_CONSECUTIVE_RETRIES) {
        await releaseLease(runId, owner, PAUSE_MS);
        return "paused";
      }
      if (!(await renewLease(db, runId, owner, leaseMs))) return "lease_lost";
      await wait(Math.min(backoff, leaseMs / 2));
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      continue;
    }
    // A retry note is cleared by the next page stored.
    const clearNote = consecutiveFailures > 0 || retriedBefore;
    retriedBefore = false;
    consecutiveFailures = 0;
    backoff = opts.backoffMs ?? 500;

    const awsKeyIds = [...page.byKey.keys()];
    const known = awsKeyIds.length
      ? await db.apiKey.findMany({ where: { awsKeyId: { in: awsKeyIds } }, select: { id: true, awsKeyId: true } })
      : [];
    const portalId = new Map(known.map((k) => [k.awsKeyId ?? "", k.id]));
    const hasQuota = planHasQuota.get(planId) ?? true;
    const rows: UsageDayRow[] = [];
    for (const [awsKeyId, days] of page.byKey) {
      const apiKeyId = portalId.get(awsKeyId);
      if (!apiKeyId) continue;
      for (const day of days) rows.push({ apiKeyId, usagePlanId: planId, date: day.date, used: day.used, remaining: hasQuota ? day.remaining : null });
    }
    // Unknown keys are counted in a plan's first chunk only, so each counts once per plan.
    const skipped = cursor.chunkStart === from ? awsKeyIds.length - portalId.size : 0;

    let next: Cursor;
    let plansDone = 0;
    if (page.position) next = { ...cursor, position: page.position };
    else if (endDate < to) next = { ...cursor, chunkStart: addDays(endDate, 1), position: undefined };
    else {
      next = nextPlan(cursor, from);
      plansDone = 1;
    }
    if (next.planIndex < run.planIds.length && (opts.stopAfterPages === undefined || pagesThisClaim + 1 < opts.stopAfterPages)) {
      const page = fetchPage(run.planIds, next, to);
      page.catch(() => undefined); // handled when awaited; unawaited if this claim ends first
      prefetched = { key: cursorKey(next), page };
    }
    try {
      await advance(runId, owner, leaseMs, next, { getUsageCalls: 1, pages: 1, rowsStored: rows.length, keysSkipped: skipped, plansDone }, rows, clearNote ? null : undefined);
    } catch (error) {
      if (error instanceof LeaseLostError) return "lease_lost";
      throw error;
    }
    Object.assign(cursor, next);
    pagesThisClaim += 1;
    if (opts.stopAfterPages !== undefined && pagesThisClaim >= opts.stopAfterPages) return "stopped";
  }
  await finish(runId, owner, "SUCCEEDED", null, {});
  return "succeeded";
}

/** One GetUsage page, from the account (shard) that holds the plan. */
function fetchPage(planIds: string[], cursor: Cursor, to: string): Promise<UsagePage> {
  const planId = planIds[cursor.planIndex] ?? "";
  return withPlanShard(planId, () =>
    getUsagePage(planId, { startDate: cursor.chunkStart, endDate: chunkEnd(cursor.chunkStart, to), position: cursor.position }),
  );
}

const cursorKey = (c: Cursor) => `${c.planIndex}|${c.chunkStart}|${c.position ?? ""}`;

function nextPlan(cursor: Cursor, from: string): Cursor {
  return { planIndex: cursor.planIndex + 1, chunkStart: from, position: undefined };
}

type Counters = Partial<Record<"getUsageCalls" | "pages" | "rowsStored" | "keysSkipped" | "plansDone", number>>;

/** Stores a page's rows, moves the cursor, adds to the counters and renews the lease, all in one transaction. */
async function advance(runId: string, owner: string, leaseMs: number, next: Cursor, counters: Counters, rows: UsageDayRow[], note?: string | null) {
  const fetchedAt = new Date();
  await db.$transaction(
    async (tx) => {
      if (!(await renewLease(tx, runId, owner, leaseMs))) throw new LeaseLostError(runId);
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) await tx.$executeRaw(upsertUsageDays(rows.slice(i, i + ROWS_PER_STATEMENT), fetchedAt));
      await tx.usageSnapshotRun.update({
        where: { id: runId },
        data: {
          planIndex: next.planIndex,
          chunkStart: dayStart(next.chunkStart),
          position: next.position ?? null,
          ...Object.fromEntries(Object.entries(counters).map(([k, v]) => [k, { increment: v }])),
          ...(note !== undefined ? { lastError: note } : {}),
        },
      });
    },
    { timeout: 60_000 },
  );
}

async function finish(runId: string, owner: string, status: "SUCCEEDED" | "FAILED", lastError: string | null, counters: Counters) {
  await db.usageSnapshotRun.updateMany({
    where: { id: runId, lockedBy: owner },
    data: {
      status,
      finishedAt: new Date(),
      lockedBy: null,
      lockedUntil: new Date(),
      ...(lastError ? { lastError } : {}),
      ...Object.fromEntries(Object.entries(counters).map(([k, v]) => [k, { increment: v }])),
    },
  });
}

function describe(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : "unknown error").slice(0, 300);
}
