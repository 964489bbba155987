/**
 * History, so the portal's charts have shape from the first minute: plausible per-key usage for the last N days
 * (local AWS's POST /_localaws/usage/backfill, which GetUsage then reports) and matching AWS/ApiGateway metrics
 * (POST /_localaws/metrics/backfill; real PutMetricData refuses `AWS/` namespaces).
 *
 * Shape: weekdays busier than weekends, a daily curve peaking mid-afternoon UTC, slow growth over the month, per-key
 * profiles as in live traffic (heavy basic-tier keys near their quota), and one incident — two hours with a burst of
 * 5XX errors and slow answers — on one day. Metrics: per-minute points for the last 2 days (stage level), hourly before
 * that; per-method series (ApiName, Method, Resource, Stage) hourly, only when the stage records detailed metrics.
 * Metrics are written once: when the range already holds AWS/ApiGateway data, they are skipped unless `force`.
 */
import { GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { mulberry32 } from '../faults';
import { DAY_MS, dayString, epochDayOf } from '../usage-ledger';
import { apiGatewayClient, cloudWatchClient, defaultEndpoint, discoverTopology, pacer, type PlanInfo, type Topology } from './discovery';
import {
  dayShareBefore,
  hashFraction,
  hourShare,
  isQuotaBound,
  isWeekend,
  periodBounds,
  profileFor,
  quotaTarget,
  ROUTE_MIX,
  UNLIMITED_DAILY,
  type RouteSpec,
  type TrafficProfile,
} from './profiles';

export interface BackfillOptions {
  endpoint?: string;
  /** Whole days before today to fill (default 30); today is filled up to now as well. */
  days?: number;
  /** Write metrics even if the range already has AWS/ApiGateway data (default false). */
  force?: boolean;
  seed?: number;
  log?: (line: string) => void;
  /** Override the profile of some keys (by key id). */
  profiles?: Record<string, TrafficProfile>;
  /** How long to wait for local AWS to answer before giving up (default 30 s). */
  waitMs?: number;
}

export interface BackfillResult {
  /** The whole days filled, oldest first ("YYYY-MM-DD"); today is filled up to now in addition. */
  days: string[];
  keys: number;
  /** Per key, per day: requests written (today included). */
  usage: Record<string, Record<string, number>>;
  /** Metric data written (0 when skipped). */
  metricData: number;
  metricsSkipped: boolean;
  /** The day with the 5XX incident. */
  incidentDay: string;
}

const MINUTE_DETAIL_MS = 2 * DAY_MS;
const INCIDENT_HOURS = [14, 15];
const USAGE_CHUNK = 500;
const METRIC_CHUNK = 4000;

async function post(endpoint: string, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${endpoint}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`local AWS ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

/** Slow growth: a month ago traffic was ~80 % of today's. */
const growth = (daysAgo: number) => 1 - 0.2 * Math.min(1, daysAgo / 30);

/** Requests a key made on `day` (share = fraction of the day covered, 1 for past days). */
function dailyUsage(keyId: string, plan: PlanInfo, profile: TrafficProfile, day: number, today: number, share: number, usedEarlierInPeriod: number): number {
  const noise = 0.85 + 0.3 * hashFraction(`noise:${keyId}:${day}`);
  const weekend = isWeekend(day);
  if (isQuotaBound(plan)) {
    const { limit, period } = plan.quota;
    const { startDay, endDay } = periodBounds(period, day);
    const perDay = (quotaTarget(profile, keyId, startDay) * limit) / (endDay - startDay);
    let used: number;
    if (profile === 'heavy') {
      // Close to the quota most days (84–99 %), a little less at weekends, and out of quota now and then.
      const fraction = hashFraction(`cap:${keyId}:${day}`) < 0.12 ? 1 : (0.84 + 0.15 * hashFraction(`heavy:${keyId}:${day}`)) * (weekend ? 0.94 : 1);
      used = (limit / (endDay - startDay)) * fraction * share;
    } else {
      used = perDay * (weekend ? 0.55 : 1) * noise * share;
    }
    return Math.max(0, Math.min(Math.round(used), limit - usedEarlierInPeriod));
  }
  const scale = 0.5 + hashFraction(`scale:${keyId}`);
  const weekFactor = weekend ? 0.45 : 1;
  return Math.round(UNLIMITED_DAILY[profile] * scale * weekFactor * noise * growth(today - day) * share);
}

/** What one time bucket of one route looked like, as AWS/ApiGateway metrics see it. */
interface Bucket {
  count: number;
  e4: number;
  e5: number;
  hits: number;
  misses: number;
  latency: Map<number, number>;
  integration: Map<number, number>;
}

const emptyBucket = (): Bucket => ({ count: 0, e4: 0, e5: 0, hits: 0, misses: 0, latency: new Map(), integration: new Map() });

const ROUTE_BACKEND_MS: Record<string, number> = { 'GET /pets': 6, 'GET /pets/{id}': 5, 'POST /pets': 8, 'GET /data': 270, 'GET /flaky': 5, 'GET /health': 3 };
const ROUTE_HIT_RATIO: Record<string, number> = { 'GET /pets': 0.8, 'GET /pets/{id}': 0.6, 'GET /data': 0.9, 'GET /flaky': 0.3, 'GET /health': 0.7 };

function addTo(map: Map<number, number>, value: number, count: number): void {
  if (count <= 0) return;
  const v = Math.round(value * 10) / 10;
  map.set(v, (map.get(v) ?? 0) + count);
}

/** Rounds up with probability equal to the fraction, so small expected counts still show up on average. */
function sround(x: number, random: () => number): number {
  const f = Math.floor(x);
  return f + (random() < x - f ? 1 : 0);
}

/** Splits `n` into parts with the given weights; parts sum to n (random draws when n is small, else largest remainder). */
function split(n: number, weights: number[], random: () => number): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (n <= 200) {
    const parts = weights.map(() => 0);
    for (let i = 0; i < n; i++) {
      let r = random() * total;
      let j = 0;
      while (j < weights.length - 1 && (r -= weights[j] ?? 0) >= 0) j++;
      parts[j] = (parts[j] ?? 0) + 1;
    }
    return parts;
  }
  const raw = weights.map((w) => (total > 0 ? (n * w) / total : 0));
  const parts = raw.map(Math.floor);
  let left = n - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}

/** `n` requests to `route` in one bucket: errors, cache and latency split the way the data plane would record them. */
function routeBucket(route: RouteSpec, n: number, incident: boolean, random: () => number): Bucket {
  const b = emptyBucket();
  if (n <= 0) return b;
  const id = `${route.method} ${route.resource}`;
  b.count = n;
  const forbidden = Math.min(n, sround(n * 0.015 * (0.5 + random()), random));
  const throttled = Math.min(n - forbidden, sround(n * 0.02 * (0.5 + random()), random));
  const admitted = n - forbidden - throttled;
  const notFound = route.resource === '/pets/{id}' ? sround(admitted * 0.2, random) : 0;
  const failRate = incident ? 0.25 : route.resource === '/flaky' ? 0.1 * 0.3 : 0.002; // /flaky: only cache misses can fail
  const failed = Math.min(admitted - notFound, sround(admitted * failRate * (0.7 + 0.6 * random()), random));
  b.e4 = forbidden + throttled + notFound;
  b.e5 = failed;
  const slow = (incident ? 3 : 1) * (0.9 + 0.2 * random());
  // Answers from the gateway itself.
  addTo(b.latency, 1.2, forbidden);
  addTo(b.latency, 0.9, throttled);
  const cacheable = route.method === 'GET' ? ROUTE_HIT_RATIO[id] : undefined;
  const hits = cacheable !== undefined ? sround(admitted * cacheable, random) : 0;
  const forwarded = admitted - hits;
  if (cacheable !== undefined) {
    b.hits = hits;
    b.misses = forwarded;
  }
  const quickHits = sround(hits * 0.7, random);
  addTo(b.latency, 2.1 * slow, quickHits);
  addTo(b.latency, 3.4 * slow, hits - quickHits);
  const backend = (ROUTE_BACKEND_MS[id] ?? 5) * slow;
  const [fast = 0, typical = 0, tail = 0] = split(forwarded, [0.3, 0.55, 0.15], random);
  addTo(b.integration, backend * 0.7, fast);
  addTo(b.integration, backend, typical);
  addTo(b.integration, backend * 1.9, tail);
  addTo(b.latency, backend * 0.7 + 1.5, fast);
  addTo(b.latency, backend + 1.8, typical);
  addTo(b.latency, backend * 1.9 + 2.5, tail);
  return b;
}

function merge(into: Bucket, b: Bucket): void {
  into.count += b.count;
  into.e4 += b.e4;
  into.e5 += b.e5;
  into.hits += b.hits;
  into.misses += b.misses;
  for (const [v, c] of b.latency) addTo(into.latency, v, c);
  for (const [v, c] of b.integration) addTo(into.integration, v, c);
}

type Datum = { MetricName: string; Dimensions: { Name: string; Value: string }[]; Timestamp: number; Values: number[]; Counts: number[]; Unit: string };

function data(b: Bucket, dims: Datum['Dimensions'], tsSec: number): Datum[] {
  if (b.count <= 0) return [];
  const d = (MetricName: string, Values: number[], Counts: number[], Unit: string): Datum => {
    const keep = Counts.map((c, i) => [Values[i] as number, c] as const).filter(([, c]) => c > 0);
    return { MetricName, Dimensions: dims, Timestamp: tsSec, Values: keep.map(([v]) => v), Counts: keep.map(([, c]) => c), Unit };
  };
  const out = [
    d('Count', [1], [b.count], 'Count'),
    d('4XXError', [1, 0], [b.e4, b.count - b.e4], 'Count'),
    d('5XXError', [1, 0], [b.e5, b.count - b.e5], 'Count'),
    d('Latency', [...b.latency.keys()], [...b.latency.values()], 'Milliseconds'),
  ];
  if (b.integration.size > 0) out.push(d('IntegrationLatency', [...b.integration.keys()], [...b.integration.values()], 'Milliseconds'));
  if (b.hits + b.misses > 0) {
    out.push(d('CacheHitCount', [1, 0], [b.hits, b.misses], 'Count'));
    out.push(d('CacheMissCount', [1, 0], [b.misses, b.hits], 'Count'));
  }
  return out.filter((x) => x.Values.length > 0);
}

async function hasHistory(endpoint: string, topology: Topology, fromMs: number, toMs: number): Promise<boolean> {
  const cw = cloudWatchClient(endpoint);
  try {
    const out = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'AWS/ApiGateway',
        MetricName: 'Count',
        Dimensions: [
          { Name: 'ApiName', Value: topology.apiName },
          { Name: 'Stage', Value: topology.stage },
        ],
        StartTime: new Date(fromMs),
        EndTime: new Date(toMs),
        Period: 86400,
        Statistics: ['Sum'],
      }),
    );
    return (out.Datapoints ?? []).some((d) => (d.Sum ?? 0) > 0);
  } finally {
    cw.destroy();
  }
}

export async function backfillHistory(opts: BackfillOptions = {}): Promise<BackfillResult> {
  const endpoint = (opts.endpoint ?? defaultEndpoint()).replace(/\/+$/, '');
  const days = opts.days ?? 30;
  if (!Number.isInteger(days) || days < 1 || days > 400) throw new Error('backfill days must be an integer from 1 to 400');
  const log = opts.log ?? ((line: string) => console.log(line));
  const random = mulberry32(opts.seed ?? 20_260_101);
  const client = apiGatewayClient(endpoint);
  let topology: Topology;
  const giveUpAt = Date.now() + (opts.waitMs ?? 30_000);
  try {
    for (;;) {
      try {
        topology = await discoverTopology(client, pacer(4));
        break;
      } catch (error) {
        if (Date.now() >= giveUpAt) throw error;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  } finally {
    client.destroy();
  }

  const nowMs = Date.now();
  const today = epochDayOf(nowMs);
  const firstDay = today - days;
  const todayShare = dayShareBefore(nowMs - today * DAY_MS);
  const dayList = Array.from({ length: days }, (_, i) => dayString(firstDay + i));
  const incidentDay = today - Math.max(1, Math.round(days / 3));

  // Usage per key and day; the per-day total drives the metrics.
  const usage: Record<string, Record<string, number>> = {};
  const admittedPerDay = new Map<number, number>();
  const entries: { usagePlanId: string; keyId: string; days: { date: string; used: number }[] }[] = [];
  const todayEntries: typeof entries = [];
  for (const key of topology.keys) {
    const plan = topology.plans.get(key.planId);
    if (!plan) continue;
    const profile = opts.profiles?.[key.id] ?? profileFor(key.id, plan);
    const perDay: Record<string, number> = {};
    const past: { date: string; used: number }[] = [];
    let periodUsed = 0;
    let periodKey = -1;
    for (let day = firstDay; day <= today; day++) {
      if (plan.quota) {
        const { startDay } = periodBounds(plan.quota.period, day);
        if (startDay !== periodKey) {
          periodKey = startDay;
          periodUsed = 0;
        }
      }
      const used = dailyUsage(key.id, plan, profile, day, today, day === today ? todayShare : 1, periodUsed);
      periodUsed += used;
      perDay[dayString(day)] = used;
      admittedPerDay.set(day, (admittedPerDay.get(day) ?? 0) + used);
      if (day < today) past.push({ date: dayString(day), used });
      else todayEntries.push({ usagePlanId: plan.id, keyId: key.id, days: [{ date: dayString(day), used }] });
    }
    usage[key.id] = perDay;
    entries.push({ usagePlanId: plan.id, keyId: key.id, days: past });
  }
  for (let i = 0; i < entries.length; i += USAGE_CHUNK) {
    await post(endpoint, '/_localaws/usage/backfill', { mode: 'replace', entries: entries.slice(i, i + USAGE_CHUNK) });
  }
  // Today: never lower what live traffic already counted.
  for (let i = 0; i < todayEntries.length; i += USAGE_CHUNK) {
    await post(endpoint, '/_localaws/usage/backfill', { mode: 'max', entries: todayEntries.slice(i, i + USAGE_CHUNK) });
  }

  const result: BackfillResult = { days: dayList, keys: topology.keys.length, usage, metricData: 0, metricsSkipped: false, incidentDay: dayString(incidentDay) };
  if (!opts.force && (await hasHistory(endpoint, topology, firstDay * DAY_MS, today * DAY_MS))) {
    result.metricsSkipped = true;
    log(`[backfill] usage for ${topology.keys.length} key(s) over ${days} day(s) written; AWS/ApiGateway metrics already have history, skipped (force to rewrite)`);
    return result;
  }

  // Metrics: requests seen by the gateway = admitted / (1 - share answered 403/429 before counting).
  const stageDims = [
    { Name: 'ApiName', Value: topology.apiName },
    { Name: 'Stage', Value: topology.stage },
  ];
  const routeDims = ROUTE_MIX.map((r) => [
    { Name: 'ApiName', Value: topology.apiName },
    { Name: 'Method', Value: r.method },
    { Name: 'Resource', Value: r.resource },
    { Name: 'Stage', Value: topology.stage },
  ]);
  // Whole hours from ~2 days ago get per-minute points; earlier hours one point each.
  const minuteFrom = Math.floor((nowMs - MINUTE_DETAIL_MS) / 3600_000) * 3600_000;
  const hourly: Datum[] = [];
  const minutely: Datum[] = [];
  const nowHour = Math.floor(nowMs / 3600_000);
  for (let day = firstDay; day <= today; day++) {
    const admitted = admittedPerDay.get(day) ?? 0;
    if (admitted <= 0) continue;
    const daySeen = admitted / 0.965 / (day === today ? Math.max(todayShare, 1e-6) : 1);
    for (let h = 0; h < 24; h++) {
      const hourStart = day * DAY_MS + h * 3600_000;
      const hourIndex = Math.floor(hourStart / 3600_000);
      if (hourIndex > nowHour) break;
      const incident = day === incidentDay && INCIDENT_HOURS.includes(h);
      const hourTotal = daySeen * hourShare(h) * (0.9 + 0.2 * random()) * (hourIndex === nowHour ? (nowMs - hourStart) / 3600_000 : 1);
      const perRoute = split(Math.round(hourTotal), ROUTE_MIX.map((r) => r.share), random);
      const stage = emptyBucket();
      ROUTE_MIX.forEach((route, i) => {
        const b = routeBucket(route, perRoute[i] ?? 0, incident, random);
        merge(stage, b);
        if (topology.detailedMetrics) hourly.push(...data(b, routeDims[i] ?? [], hourStart / 1000));
      });
      if (hourStart + 3600_000 <= minuteFrom) {
        hourly.push(...data(stage, stageDims, hourStart / 1000));
        continue;
      }
      // Recent hours: one point per minute.
      const minutes = Math.min(60, Math.ceil((nowMs - hourStart) / 60_000));
      const weights = Array.from({ length: minutes }, () => 0.8 + 0.4 * random());
      const perMinute = split(Math.round(hourTotal), weights, random);
      perMinute.forEach((n, m) => {
        if (n <= 0) return;
        const bucket = emptyBucket();
        for (const [i, part] of split(n, ROUTE_MIX.map((r) => r.share), random).entries()) merge(bucket, routeBucket(ROUTE_MIX[i] as RouteSpec, part, incident, random));
        minutely.push(...data(bucket, stageDims, (hourStart + m * 60_000) / 1000));
      });
    }
  }
  for (let i = 0; i < hourly.length; i += METRIC_CHUNK) {
    await post(endpoint, '/_localaws/metrics/backfill', { Namespace: 'AWS/ApiGateway', Resolution: 'hour', MetricData: hourly.slice(i, i + METRIC_CHUNK) });
  }
  for (let i = 0; i < minutely.length; i += METRIC_CHUNK) {
    await post(endpoint, '/_localaws/metrics/backfill', { Namespace: 'AWS/ApiGateway', Resolution: 'minute', MetricData: minutely.slice(i, i + METRIC_CHUNK) });
  }
  result.metricData = hourly.length + minutely.length;
  log(
    `[backfill] ${days} day(s) (${dayList[0]} .. ${dayList[dayList.length - 1]}, plus today so far) for ${topology.keys.length} key(s); ` +
      `${result.metricData} AWS/ApiGateway metric data; 5XX incident on ${result.incidentDay}`,
  );
  return result;
}
