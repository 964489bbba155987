/**
 * The admin overview with 30 days of metrics for 5 stages (npm run bench:admin-overview): writes 30 days of
 * AWS/ApiGateway history (hourly points, per-minute points for the last 2 days, with latency distributions so
 * percentiles are real) for 5 stages of the demo API into local AWS, and customers with today's usage into the
 * database; then loads the overview's data the way /admin does (CloudWatch figures of the stage and range + top
 * customers today), every stage × range, cold (cache emptied before each view) and warm (within the minute).
 * Prints server time p50/p95 per range and GetMetricData calls per view (target: 1 cold, 0 warm), plus every AWS
 * call counted by a proxy in front of local AWS. Server time here is the view's data work in the server process
 * (AWS and database), not HTML rendering.
 * Flags: --rounds N (5 views per stage × range × mode) --customers N (2000).
 */
import pg from 'pg';
import { runNode, tsxCli } from '../scripts/lib/processes';
import { startStack } from './stack';
import { arg, printTable, quantile, runBenchmark } from './table';

const ROUNDS = arg('--rounds', 5);
const CUSTOMERS = arg('--customers', 2000);
const STAGES = ['prod', 'staging', 'dev', 'canary', 'beta'];
const API_NAME = 'gatehouse-demo-api';
const DAYS = 30;
const CHUNK = 20_000;

interface Datum {
  MetricName: string;
  Dimensions: { Name: string; Value: string }[];
  Timestamp: number;
  Values: number[];
  Counts: number[];
  Unit: string;
}

/** mulberry32: reproducible history. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One period's points for a stage: `n` requests with errors, latency and cache figures. */
function periodData(stage: string, tsSec: number, n: number, rnd: () => number): Datum[] {
  if (n <= 0) return [];
  const dims = [
    { Name: 'ApiName', Value: API_NAME },
    { Name: 'Stage', Value: stage },
  ];
  const e4 = Math.round(n * 0.03 * rnd());
  const e5 = Math.round(n * 0.005 * rnd());
  const hits = Math.round(n * 0.2 * (0.5 + rnd()));
  const misses = Math.round(n * 0.1 * (0.5 + rnd()));
  // Latency as a distribution of a few values (what API Gateway's per-minute statistic sets look like).
  const lat = [20 + Math.round(rnd() * 10), 60 + Math.round(rnd() * 40), 180 + Math.round(rnd() * 120), 600 + Math.round(rnd() * 800)];
  const share = [0.5, 0.35, 0.13, 0.02].map((s) => Math.max(1, Math.round(n * s)));
  const d = (MetricName: string, Values: number[], Counts: number[], Unit: string): Datum => ({ MetricName, Dimensions: dims, Timestamp: tsSec, Values, Counts, Unit });
  return [
    d('Count', [1], [n], 'Count'),
    d('4XXError', [1, 0], [e4, n - e4], 'Count'),
    d('5XXError', [1, 0], [e5, n - e5], 'Count'),
    d('Latency', lat, share, 'Milliseconds'),
    d('IntegrationLatency', lat.map((v) => Math.max(1, v - 15)), share, 'Milliseconds'),
    d('CacheHitCount', [1, 0], [hits, Math.max(0, misses)], 'Count'),
    d('CacheMissCount', [1, 0], [misses, Math.max(0, hits)], 'Count'),
  ].map((x) => {
    const keep = x.Counts.map((c, i) => [x.Values[i] as number, c] as const).filter(([, c]) => c > 0);
    return { ...x, Values: keep.map(([v]) => v), Counts: keep.map(([, c]) => c) };
  });
}

async function post(endpoint: string, path: string, body: unknown) {
  const res = await fetch(`${endpoint}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

async function backfillMetrics(endpoint: string, nowMs: number): Promise<number> {
  const rnd = random(42);
  const hourly: Datum[] = [];
  const minutely: Datum[] = [];
  const minuteFrom = Math.floor((nowMs - 2 * 86_400_000) / 3_600_000) * 3_600_000;
  const firstHour = Math.floor((nowMs - DAYS * 86_400_000) / 3_600_000) * 3_600_000;
  STAGES.forEach((stage, s) => {
    const scale = [600, 120, 30, 60, 15][s] ?? 30; // requests per minute at the daily peak
    for (let hour = firstHour; hour < nowMs; hour += 3_600_000) {
      const h = new Date(hour).getUTCHours();
      const perMinute = scale * (0.35 + 0.65 * Math.sin((Math.PI * h) / 24)) * (0.85 + 0.3 * rnd());
      if (hour < minuteFrom) {
        hourly.push(...periodData(stage, hour / 1000, Math.round(perMinute * 60), rnd));
        continue;
      }
      for (let m = hour; m < Math.min(hour + 3_600_000, nowMs); m += 60_000) minutely.push(...periodData(stage, m / 1000, Math.round(perMinute * (0.8 + 0.4 * rnd())), rnd));
    }
  });
  for (let i = 0; i < hourly.length; i += CHUNK) await post(endpoint, '/_localaws/metrics/backfill', { Namespace: 'AWS/ApiGateway', Resolution: 'hour', MetricData: hourly.slice(i, i + CHUNK) });
  for (let i = 0; i < minutely.length; i += CHUNK) await post(endpoint, '/_localaws/metrics/backfill', { Namespace: 'AWS/ApiGateway', Resolution: 'minute', MetricData: minutely.slice(i, i + CHUNK) });
  return hourly.length + minutely.length;
}

/** Customers with one key each and a UsageDay for today (top customers by requests today reads these). */
async function seedCustomers(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const tier = (await client.query<{ id: string; usagePlanId: string }>(`SELECT id, "usagePlanId" FROM "Tier" WHERE slug = 'premium'`)).rows[0];
  if (!tier) throw new Error('no premium tier');
  const ids = Array.from({ length: CUSTOMERS }, (_, i) => i);
  await client.query(
    `INSERT INTO "Customer"(id, name, status, "tierId", "createdAt", "updatedAt")
     SELECT c, 'Bench customer ' || c, 'ACTIVE'::"CustomerStatus", $2, now(), now() FROM unnest($1::text[]) AS x(c)`,
    [ids.map((i) => `bench-c${i}`), tier.id],
  );
  await client.query(
    `INSERT INTO "ApiKey"(id, "customerId", name, "awsKeyId", "usagePlanId", status, "createdAt", "updatedAt")
     SELECT 'bench-k' || i, 'bench-c' || i, 'production', 'benchaws' || i, $2, 'ACTIVE'::"ApiKeyStatus", now(), now() FROM unnest($1::int[]) AS x(i)`,
    [ids, tier.usagePlanId],
  );
  await client.query(
    `INSERT INTO "UsageDay"("apiKeyId", date, "usagePlanId", used) SELECT 'bench-k' || i, (now() AT TIME ZONE 'UTC')::date, $2, (i * 7919) % 5000 FROM unnest($1::int[]) AS x(i)`,
    [ids, tier.usagePlanId],
  );
  await client.end();
}

async function main() {
  const stack = await startStack({ rateLimits: false });
  Object.assign(process.env, stack.env); // before the portal's modules load: they read the environment once
  try {
    await runNode([tsxCli, '--conditions=react-server', 'scripts/seed.ts'], stack.env, 'tier sync');
    const t0 = Date.now();
    const data = await backfillMetrics(stack.aws.url, Date.now());
    await seedCustomers(stack.databaseUrl);
    console.log(`[bench] ${data.toLocaleString('en-US')} metric data for ${STAGES.length} stages over ${DAYS} days and ${CUSTOMERS} customers with usage today, in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const { loadMetricsOverview, topCustomersToday } = await import('../lib/metrics/queries');
    const { getMetricDataCallCount } = await import('../lib/aws/metrics');
    const { clearViewCache } = await import('../lib/metrics/view-cache');
    const { RANGE_KEYS } = await import('../lib/metrics/ranges');
    const admin = { userId: 'bench-admin', email: 'admin@bench.local', name: 'Bench', role: 'ADMIN' as const, customerId: null };

    /** One overview as the page loads it: CloudWatch figures and top customers, side by side. */
    async function view(stage: string, range: (typeof RANGE_KEYS)[number]) {
      const started = performance.now();
      const timed = async <T,>(p: Promise<T>) => {
        const value = await p;
        return { value, ms: performance.now() - started };
      };
      const [{ value: overview }, { value: top, ms: topMs }] = await Promise.all([
        timed(loadMetricsOverview(admin, { apiName: API_NAME, restApiId: stack.aws.demo.restApiId, stage }, range)),
        timed(topCustomersToday(admin)),
      ]);
      const ms = performance.now() - started;
      topTimes.push(topMs);
      if (!overview.ok) throw new Error(overview.error.message);
      if (!top.ok) throw new Error(top.error.message);
      if (overview.data.summary.requests <= 0) throw new Error(`no requests for ${stage} ${range}`);
      if (top.data.rows.length !== 10) throw new Error('top customers missing');
      return { ms, fromCache: overview.data.fromCache };
    }

    const topTimes: number[] = [];
    await view('prod', '24h'); // warm-up: modules, connections
    const rows: string[][] = [];
    const allCold: number[] = [];
    const allWarm: number[] = [];
    let coldCalls = 0;
    let warmCalls = 0;
    let coldViews = 0;
    let warmViews = 0;
    const awsBefore = stack.awsCalls();
    for (const range of RANGE_KEYS) {
      const cold: number[] = [];
      const warm: number[] = [];
      let rangeColdCalls = 0;
      let rangeWarmCalls = 0;
      for (let round = 0; round < ROUNDS; round++) {
        for (const stage of STAGES) {
          clearViewCache();
          let before = getMetricDataCallCount();
          const c = await view(stage, range);
          rangeColdCalls += getMetricDataCallCount() - before;
          if (c.fromCache) throw new Error('a cold view came from the cache');
          cold.push(c.ms);
          before = getMetricDataCallCount();
          const w = await view(stage, range);
          rangeWarmCalls += getMetricDataCallCount() - before;
          if (!w.fromCache) throw new Error('a warm view missed the cache');
          warm.push(w.ms);
        }
      }
      cold.sort((a, b) => a - b);
      warm.sort((a, b) => a - b);
      allCold.push(...cold);
      allWarm.push(...warm);
      coldCalls += rangeColdCalls;
      warmCalls += rangeWarmCalls;
      coldViews += cold.length;
      warmViews += warm.length;
      rows.push([
        range,
        String(cold.length),
        quantile(cold, 0.5).toFixed(1),
        quantile(cold, 0.95).toFixed(1),
        (rangeColdCalls / cold.length).toFixed(2),
        quantile(warm, 0.5).toFixed(1),
        quantile(warm, 0.95).toFixed(1),
        (rangeWarmCalls / warm.length).toFixed(2),
      ]);
    }
    allCold.sort((a, b) => a - b);
    allWarm.sort((a, b) => a - b);
    rows.push([
      'all',
      String(allCold.length),
      quantile(allCold, 0.5).toFixed(1),
      quantile(allCold, 0.95).toFixed(1),
      (coldCalls / coldViews).toFixed(2),
      quantile(allWarm, 0.5).toFixed(1),
      quantile(allWarm, 0.95).toFixed(1),
      (warmCalls / warmViews).toFixed(2),
    ]);
    console.log(`\nAdmin overview: ${STAGES.length} stages × ${RANGE_KEYS.length} ranges × ${ROUNDS} rounds; server time in ms (CloudWatch + database work of the view)`);
    printTable(['range', 'views', 'cold p50', 'cold p95', 'GetMetricData/view', 'cached p50', 'cached p95', 'GetMetricData/view (cached)'], rows);
    topTimes.sort((a, b) => a - b);
    console.log(`Of which top customers today (one SQL aggregate over ${CUSTOMERS} keys' usage): p50 ${quantile(topTimes, 0.5).toFixed(1)} ms, p95 ${quantile(topTimes, 0.95).toFixed(1)} ms`);
    console.log(`\nAWS calls through the proxy during the measured views: ${stack.awsCalls() - awsBefore} for ${coldViews} cold and ${warmViews} cached views`);
    const ok = coldCalls === coldViews && warmCalls === 0;
    if (!ok) throw new Error('Target missed: expected 1 GetMetricData call per view and 0 from the cache.');
    console.log('Target met: 1 GetMetricData call per view, 0 from the cache.');
  } finally {
    await stack.close();
  }
}

runBenchmark(main);
