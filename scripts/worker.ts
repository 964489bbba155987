// npm run worker: the background worker. Runs due durable operations (key provisioning, retries, scheduled
// rotation grace expiries), refreshes cached usage older than 15 minutes every minute, and reconciles with AWS every
// 10 minutes.
// State lives in the database, so a restart resumes where it stopped. SIGINT/SIGTERM end it after the jobs running
// (no new ones start, and waits between them are cut short).
import "./lib/with-local-stack";
import { setTimeout as wait } from "node:timers/promises";
import { describeError } from "@/lib/operations/errors";
import { reconcile } from "@/lib/operations/reconcile";
import { runDueOperations } from "@/lib/operations/run";
import { evaluateQuotaAlerts } from "@/lib/quota-alerts/evaluate";
import { refreshStaleUsage } from "@/lib/usage/sync-usage";
import { rebalanceSweep } from "@/lib/quota/rebalance";
import { usageHistoryLoop } from "@/lib/usage-history/daily-snapshot";

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

async function periodic(name: string, everyMs: number, job: () => Promise<unknown>) {
  while (!stopping) {
    await sleep(everyMs);
    try {
      const result = await job();
      if (result) console.log(`[worker] ${name}: ${JSON.stringify(result)}`);
    } catch (error) {
      console.error(`[worker] ${name} failed: ${describeError(error)}`);
    }
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
  periodic("reconcile", RECONCILE_EVERY_MS, reconcile),
  periodic("quota alerts", 60_000, async () => {
    const run = await evaluateQuotaAlerts("all", new Date(), { maxMails: 200, mailsPerSecond: 5 });
    return run.recorded || run.emailed || run.failed ? run : null;
  }),
  periodic("quota rebalance", REBALANCE_EVERY_MS, () => rebalanceSweep().then((s) => (s.updateUsageCalls || s.plansFailed.length ? s : undefined))),
  // Usage history: queues and runs the daily GetUsage snapshot (at start too, if today's is missing).
  usageHistoryLoop({ everyMs: 5 * 60_000, stopping: () => stopping, sleep }),
]);
process.exit(0);
