// npm run worker: the background worker. Runs due durable operations (key provisioning, retries, scheduled
// rotation grace expiries), refreshes cached usage older than 15 minutes every minute, and reconciles with AWS every
// 10 minutes. Any number of workers (and portals) may share the database: each operation is claimed by one of them
// (lib/operations/run.ts), and each periodic job runs once per period across all of them (lib/jobs/lease.ts).
// GATEHOUSE_WORKER_JOBS picks a subset of these jobs (default: all).
// State lives in the database, so a restart resumes where it stopped. SIGINT/SIGTERM: no new operation or job
// starts, waits are cut short, claimed operations not yet started go back to the queue, and the running ones finish;
// then the process exits 0. Whatever still runs after GATEHOUSE_SHUTDOWN_TIMEOUT_MS is left to its lock (another
// worker re-claims it when the lock expires) and the process exits 1.
// Logs are JSON lines (lib/observability/log.ts); with GATEHOUSE_WORKER_METRICS_PORT it serves /metrics and
// /health/live on that port (lib/observability/worker-server.ts).
import "./lib/with-local-stack";
import { setTimeout as wait } from "node:timers/promises";
import type { Server } from "node:http";
import { parseEnv, type WorkerJob, WORKER_JOBS } from "@/lib/env";
import { runIfDue } from "@/lib/jobs/lease";
import { createLogger, errorFields, logger, setRootLogger } from "@/lib/observability/log";
import { serveWorkerEndpoints } from "@/lib/observability/worker-server";
import { reconcileExclusively } from "@/lib/operations/reconcile-exclusively";
import { runDueOperations } from "@/lib/operations/run";
import { evaluateQuotaAlerts } from "@/lib/quota-alerts/evaluate";
import { refreshStaleUsage } from "@/lib/usage/sync-usage";
import { rebalanceSweep } from "@/lib/quota/rebalance";
import { usageHistoryTick } from "@/lib/usage-history/daily-snapshot";

setRootLogger(createLogger({ service: "worker" }));
const log = logger("worker");

let config: ReturnType<typeof parseEnv>;
try {
  config = parseEnv();
} catch (error) {
  log.fatal(errorFields(error), "invalid configuration");
  process.exit(1);
}

const RECONCILE_EVERY_MS = Number(process.env.GATEHOUSE_RECONCILE_INTERVAL_MS ?? 10 * 60_000);
const REBALANCE_EVERY_MS = Number(process.env.GATEHOUSE_REBALANCE_INTERVAL_MS ?? 10_000); // pooled quota sweep (lib/quota)
const jobs = new Set<WorkerJob>(config.GATEHOUSE_WORKER_JOBS ?? WORKER_JOBS);
const stop = new AbortController();
let stopping = false;
let endpoints: Server | undefined;

function shutDown(signal: string) {
  if (stopping) return;
  stopping = true;
  stop.abort();
  log.info({ signal, timeoutMs: config.GATEHOUSE_SHUTDOWN_TIMEOUT_MS }, "stopping: finishing the running operations and jobs");
  setTimeout(() => {
    log.error({ timeoutMs: config.GATEHOUSE_SHUTDOWN_TIMEOUT_MS }, "still busy at the shutdown timeout: exiting; operations still running are re-claimed when their lock expires");
    process.exit(1);
  }, config.GATEHOUSE_SHUTDOWN_TIMEOUT_MS).unref();
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => shutDown(signal));

const sleep = (ms: number) => wait(ms, undefined, { signal: stop.signal }).catch(() => undefined);

/**
 * Runs `job` every `everyMs` across all workers: each worker looks often whether it is due, and the one that takes
 * the job's lease runs it; the lease then keeps the others out for the period (lib/jobs/lease.ts). A job nobody has
 * run yet is first due `firstDueInMs` after the first worker starts.
 */
async function periodic(name: WorkerJob, everyMs: number, job: () => Promise<unknown>, { firstDueInMs = everyMs } = {}) {
  if (!jobs.has(name)) return;
  const lookEveryMs = Math.min(5_000, Math.max(100, everyMs / 4));
  while (!stopping) {
    try {
      // The lease names predate the job names of GATEHOUSE_WORKER_JOBS: "usage-refresh" holds "worker: usage refresh".
      const run = await runIfDue(`worker: ${name.replace("-", " ")}`, everyMs, job, { firstDueInMs });
      if (run.ran && run.result) log.info({ job: name, result: run.result }, name);
    } catch (error) {
      log.error({ job: name, ...errorFields(error) }, `${name} failed`);
    }
    await sleep(lookEveryMs);
  }
}

async function operations() {
  if (!jobs.has("operations")) return;
  while (!stopping) {
    try {
      const outcomes = await runDueOperations({ limit: 40, concurrency: 8, signal: stop.signal });
      const failed = outcomes.filter((o) => o.status === "failed").length;
      if (failed) log.warn({ failed }, "operations gave up and were compensated");
      if (outcomes.length === 0) await sleep(500);
    } catch (error) {
      log.error(errorFields(error), "running operations failed");
      await sleep(2000);
    }
  }
}

if (config.GATEHOUSE_WORKER_METRICS_PORT !== undefined) {
  endpoints = await serveWorkerEndpoints({ port: config.GATEHOUSE_WORKER_METRICS_PORT, token: config.GATEHOUSE_METRICS_TOKEN, stopping: () => stopping });
}
log.info({ jobs: [...jobs], metricsPort: config.GATEHOUSE_WORKER_METRICS_PORT ?? null }, "worker started");
await Promise.all([
  operations(),
  periodic("usage-refresh", 60_000, () => refreshStaleUsage({ olderThanMs: 15 * 60_000, limit: 50 })),
  periodic("reconcile", RECONCILE_EVERY_MS, async () => {
    const run = await reconcileExclusively();
    return run.ran ? run.result : { skipped: "a reconcile was already running (an admin's)" };
  }),
  periodic("quota-alerts", 60_000, async () => {
    const run = await evaluateQuotaAlerts("all", new Date(), { maxMails: 200, mailsPerSecond: 5 });
    return run.recorded || run.emailed || run.failed ? run : null;
  }),
  periodic("quota-rebalance", REBALANCE_EVERY_MS, () => rebalanceSweep().then((s) => (s.updateUsageCalls || s.plansFailed.length ? s : undefined))),
  // Usage history: queues and runs the daily GetUsage snapshot (at once too, if today's is missing).
  periodic("usage-history", 5 * 60_000, () => usageHistoryTick(), { firstDueInMs: 0 }),
]);
endpoints?.close();
log.info("worker stopped");
process.exit(0);
