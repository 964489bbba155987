/**
 * Loopback HTTP load generator, run as a child process (child_process.fork) so it does not share an event loop or a
 * CPU core with the server it measures. Closed loop: each of N keep-alive connections sends the next request as soon
 * as the previous answer has been read. Jobs arrive over IPC; answers go back over IPC. Exits when the parent
 * disconnects.
 */
import { Agent, request } from 'node:http';

export interface LoadJob {
  url: string;
  headers: Record<string, string>;
  /** Optional per-connection headers (connection i uses entry i mod length), e.g. one session cookie each. */
  headerSets?: Record<string, string>[];
  connections: number;
  warmupMs: number;
  durationMs: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  elapsedMs: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] as number;
}

async function run(job: LoadJob): Promise<LoadResult> {
  const url = new URL(job.url);
  const agent = new Agent({ keepAlive: true, maxSockets: job.connections, maxFreeSockets: job.connections });
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let errors = 0;
  const statuses: Record<string, number> = {};
  let recording = false;
  let stopAt = Number.POSITIVE_INFINITY;

  const once = (connection: number) =>
    new Promise<void>((resolve) => {
      const sets = job.headerSets;
      const headers = sets && sets.length > 0 ? { ...job.headers, ...sets[connection % sets.length] } : job.headers;
      const started = performance.now();
      const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'GET', headers, agent }, (res) => {
        res.on('data', () => {});
        res.on('end', () => {
          if (recording) {
            if (count === latencies.length) {
              const bigger = new Float64Array(latencies.length * 2);
              bigger.set(latencies);
              latencies = bigger;
            }
            latencies[count++] = performance.now() - started;
            const s = String(res.statusCode);
            statuses[s] = (statuses[s] ?? 0) + 1;
          }
          resolve();
        });
      });
      req.on('error', () => {
        if (recording) errors++;
        resolve();
      });
      req.end();
    });

  const loop = async (_: unknown, connection: number) => {
    while (performance.now() < stopAt) await once(connection);
  };

  // Warm-up (not recorded), then the measured window.
  stopAt = performance.now() + job.warmupMs;
  await Promise.all(Array.from({ length: job.connections }, loop));
  recording = true;
  const started = performance.now();
  stopAt = started + job.durationMs;
  await Promise.all(Array.from({ length: job.connections }, loop));
  const elapsedMs = performance.now() - started;
  agent.destroy();

  const sorted = latencies.slice(0, count).sort();
  return {
    requests: count,
    errors,
    statuses,
    elapsedMs,
    rps: (count / elapsedMs) * 1000,
    p50Ms: quantile(sorted, 0.5),
    p90Ms: quantile(sorted, 0.9),
    p95Ms: quantile(sorted, 0.95),
    p99Ms: quantile(sorted, 0.99),
    maxMs: quantile(sorted, 1),
  };
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send?.({ ok: true, result }),
    (error: unknown) => process.send?.({ ok: false, error: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
