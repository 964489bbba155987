// Prometheus metrics (prom-client), one registry per process: the portal serves it at /api/metrics, the worker on
// its own port (scripts/worker.ts). Both behind GATEHOUSE_METRICS_TOKEN (lib/observability/metrics-endpoint.ts).
//  - gatehouse_operations{status,kind}: the durable operations queue (QUEUED, RUNNING), read at each scrape.
//  - gatehouse_aws_calls_total{service,command,outcome}: every HTTP attempt to AWS (SDK retries count apiece);
//    outcome "ok", "throttled" (429 / Throttling) or "error".
//  - gatehouse_sign_in_failures_total{reason}: refused password sign-ins (mismatch, throttled, unavailable).
//  - gatehouse_http_request_duration_seconds{method,route,status}: the portal's pages and routes, end to end.
//  - Node's process metrics (gatehouse_process_*, gatehouse_nodejs_*).
// No "server-only" import: instrumentation.ts and the worker load it. Kept on globalThis: Next.js bundles this
// file into several server bundles, and a metric registered twice is an error.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { errorFields, logger } from "@/lib/observability/log";

export type AwsCallOutcome = "ok" | "throttled" | "error";
export type SignInFailureReason = "mismatch" | "throttled" | "unavailable";

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "gatehouse_" });
  return {
    registry,
    operations: new Gauge({
      name: "gatehouse_operations",
      help: "Durable operations waiting (QUEUED) or running (RUNNING), by kind.",
      labelNames: ["status", "kind"] as const,
      registers: [registry],
      async collect() {
        this.reset();
        try {
          const { queueDepth } = await import("@/lib/operations/queue-depth");
          for (const row of await queueDepth()) this.set({ status: row.status, kind: row.kind }, row.count);
        } catch (error) {
          // The database is down: the scrape still answers (without this gauge), and readiness reports the outage.
          logger("metrics").warn(errorFields(error), "reading the operations queue failed");
        }
      },
    }),
    awsCalls: new Counter({
      name: "gatehouse_aws_calls_total",
      help: "HTTP attempts to AWS by service, command, outcome (ok, throttled, error) and shard (AWS account); SDK retries count apiece.",
      labelNames: ["service", "command", "outcome", "shard"] as const,
      registers: [registry],
    }),
    signInFailures: new Counter({
      name: "gatehouse_sign_in_failures_total",
      help: "Refused password sign-ins by reason (mismatch, throttled, unavailable).",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "gatehouse_http_request_duration_seconds",
      help: "Time from a request's arrival to the end of its response, by method, route and status.",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}

type Metrics = ReturnType<typeof createMetrics>;
const KEY = Symbol.for("gatehouse.metrics");
const holder = globalThis as typeof globalThis & { [KEY]?: Metrics };

/** This process's metrics. */
export function metrics(): Metrics {
  holder[KEY] ??= createMetrics();
  return holder[KEY];
}

/** Counts one attempt at an AWS call. */
export function countAwsCall(service: string, command: string, outcome: AwsCallOutcome, shard: string): void {
  metrics().awsCalls.inc({ service, command, outcome, shard });
}

/** The outcome of a failed AWS attempt: throttled (HTTP 429, or CloudWatch's 400 Throttling) or another error. */
export function awsFailureOutcome(error: unknown): AwsCallOutcome {
  const name = error instanceof Error ? error.name : "";
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return status === 429 || ["TooManyRequestsException", "ThrottlingException", "Throttling", "ThrottledException"].includes(name) ? "throttled" : "error";
}

export function countSignInFailure(reason: SignInFailureReason): void {
  metrics().signInFailures.inc({ reason });
}
