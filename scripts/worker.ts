// npm run worker: the background worker. Runs due durable operations (key provisioning, retries, scheduled
// rotation grace expiries), refreshes cached usage older than 15 minutes every minute, and reconciles with AWS every
// 10 minutes. Any number of workers (and portals) may share the database: each operation is claimed by one of them
// (lib/operations/run.ts), and each periodic job runs once per period across all of them (lib/jobs/lease.ts).
// State lives in the database, so a restart resumes where it stopped. SIGINT/SIGTERM end it after the jobs running
// (no new ones start, and waits between them are cut short).
import "./lib/with-local-stack";
import { setTimeout as wait } from "node:timers/promises";
import { runIfDue } from "@/lib/jobs/lease";
import { describeError } from "@/lib/operations/errors";
import { reconcileExclusively } from "@/lib/operations/reconcile-exclusively";
import { runDueOperations } from "@/lib/operations/run";
import { evaluateQuotaAlerts } from "@/lib/quota-alerts/evaluate";
import { refreshStaleUsage } from "@/lib/usage/sync-usage";
import { rebalanceSweep } from "@/lib/quota/rebalance";
import { usageHistoryTick } from "@/lib/usage-history/daily-snapshot";

const RECONCILE_EVERY_MS = Number(process.env.GATEHOUSE_RECONCILE_INTERVAL_MS ?? 10 * 60_000);
const REBALANCE_EVERY_MS = Number(process.env.GATEHOUSE_REBALANCE_INTERVAL_MS ?? 10_000); // pooled quota sweep (lib/quota)
const stop = new AbortController();
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopping = true;
    stop.abort();
  });
}

const sleep = (ms: number) => wait(ms, undefined, { signal: stop.signal }).catch(() => undefined);

/**
 * Runs `job` every `everyMs` across all workers: each worker looks often whether it is due, and the one that takes
 * the job's lease runs it; the lease then keeps the others out for the period (lib/jobs/lease.ts). A job nobody has
 * run yet is first due `firstDueInMs` after the first worker starts.
 */
async function periodic(name: string, everyMs: number, job: () => Promise<unknown>, { firstDueInMs = everyMs } = {}) {
  const lookEveryMs = Math.min(5_000, Math.max(100, everyMs / 4));
  while (!stopping) {
    try {
      const run = await runIfDue(`worker: ${name}`, everyMs, job, { firstDueInMs });
      if (run.ran && run.result) console.log(`[worker] ${name}: ${JSON.stringify(run.result)}`);
    } catch (error) {
      console.error(`[worker] ${name} failed: ${describeError(error)}`);
    }
    await sleep(lookEveryMs);
  }
}

async function operations() {
  while (!stopping) {
    try {
      const outcomes = await runDueOperations({ limit: 40, concurrency: 8 });
      const failed = outcomes.filter((o) => o.status === "failed").length;
      if (failed) console.log(`[worker] ${failed} operation(s) gave up and were compensated`);
      if (outcomes.length === 0) await sleep(500);
    } catch (error) {
      console.error(`[worker] running operations failed: ${describeError(error)}`);
      await sleep(2000);
    }
  }
}

console.log("[worker] started");
await Promise.all([
  operations(),
  periodic("usage refresh", 60_000, () => refreshStaleUsage({ olderThanMs: 15 * 60_000, limit: 50 })),
  periodic("reconcile", RECONCILE_EVERY_MS, async () => {
    const run = await reconcileExclusively();
    return run.ran ? run.result : { skipped: "a reconcile was already running (an admin's)" };
  }),
  periodic("quota alerts", 60_000, async () => {
    const run = await evaluateQuotaAlerts("all", new Date(), { maxMails: 200, mailsPerSecond: 5 });
    return run.recorded || run.emailed || run.failed ? run : null;
  }),
  periodic("quota rebalance", REBALANCE_EVERY_MS, () => rebalanceSweep().then((s) => (s.updateUsageCalls || s.plansFailed.length ? s : undefined))),
  // Usage history: queues and runs the daily GetUsage snapshot (at once too, if today's is missing).
  periodic("usage history", 5 * 60_000, () => usageHistoryTick(), { firstDueInMs: 0 }),
]);
process.exit(0);
