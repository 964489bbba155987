/**
 * Live traffic: drives the demo API's data plane with every discovered key, each following its profile.
 *
 *  - Keys in plans with a quota follow a per-period target (light ~8–18 %, steady ~35–60 %, heavy 85–103 %, bursty
 *    25–45 % of the quota), paced against the elapsed share of the period and today's usage from GetUsage: a heavy
 *    basic-tier key ends its day near or past its quota (then gets 429 Limit Exceeded, and backs off to a trickle).
 *  - Keys in plans without a quota share what is left of the overall rate by profile weight.
 *  - Bursty keys now and then fire more requests at once than their plan's burst allows (429 Too Many Requests).
 *  - A few requests go out with no key or a bad key (403).
 *  - All of it stays under `ratePerMinute` (bursts aside), never exceeds half a plan's steady rate per key, and caps
 *    requests in flight.
 * Keys are re-discovered every 30 s. Key values are held in memory only and never logged.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { mulberry32 } from '../faults';
import { DAY_MS, epochDayOf } from '../usage-ledger';
import {
  apiGatewayClient,
  defaultEndpoint,
  DiscoveryError,
  discoverTopology,
  fetchKeyValue,
  fetchPeriodUsage,
  pacer,
  type PlanInfo,
  type Topology,
} from './discovery';
import {
  concreteRequest,
  dayShareBefore,
  hashFraction,
  isQuotaBound,
  periodBounds,
  pickRoute,
  profileFor,
  quotaTarget,
  UNLIMITED_WEIGHT,
  type TrafficProfile,
} from './profiles';

export interface TrafficOptions {
  /** local AWS base URL; default env AWS_ENDPOINT_URL, else http://127.0.0.1:4566. */
  endpoint?: string;
  /** Stop by itself after this long; default: run until `signal` aborts or `stop()` is called. */
  durationMs?: number;
  signal?: AbortSignal;
  /** Overall requests per minute, bursts aside (default 300). */
  ratePerMinute?: number;
  /** How often keys are re-discovered (default 30 s). */
  rediscoverMs?: number;
  /** How often a summary line is printed (default 60 s). */
  summaryEveryMs?: number;
  /** Where summary lines go (default console.log); never receives key values. */
  log?: (line: string) => void;
  /** Seed for the request mix (default: from the clock). */
  seed?: number;
  /** Override the profile of some keys (by key id). */
  profiles?: Record<string, TrafficProfile>;
  /** Most requests in flight at once (default 64). */
  maxInFlight?: number;
}

export interface StatusCounts {
  requests: number;
  byStatus: Record<string, number>;
}

export interface KeyStats extends StatusCounts {
  name: string;
  planId: string;
  profile: TrafficProfile;
  /** Requests the gateway admitted, i.e. what GetUsage counts (not 403, not 429, not an injected 503). */
  counted: number;
}

export interface TrafficStats extends StatusCounts {
  startedAt: string;
  elapsedMs: number;
  /** Requests that got no answer (connection errors, timeouts). */
  networkErrors: number;
  /** Requests not sent because too many were in flight. */
  skipped: number;
  /** Keys being driven at the last discovery. */
  keys: number;
  perKey: Record<string, KeyStats>;
  /** Requests with no key or a bad key. */
  anonymous: StatusCounts;
}

export interface TrafficRun {
  /** Resolves with the final stats once the run has stopped and every request in flight has finished. */
  done: Promise<TrafficStats>;
  /** Stops sending; resolves like `done`. */
  stop(): Promise<TrafficStats>;
  /** Stats so far. */
  stats(): TrafficStats;
}

interface Lane {
  keyId: string;
  name: string;
  plan: PlanInfo;
  profile: TrafficProfile;
  /** Never logged, never part of stats. */
  value: string;
  acc: number;
  /** Used in the current quota period as of the last GetUsage, and admitted since then. */
  usedAtRefresh: number;
  countedSinceRefresh: number;
  /** Last time this key got 429 Limit Exceeded (quota used up). */
  exhaustedAt: number;
  nextBurstAt: number;
}

const TICK_MS = 250;
const CATCH_UP_S = 120;
const REQUEST_TIMEOUT_MS = 35_000;

function bump(counts: StatusCounts, status: string): void {
  counts.requests++;
  counts.byStatus[status] = (counts.byStatus[status] ?? 0) + 1;
}

export function formatStatuses(byStatus: Record<string, number>): string {
  const entries = Object.entries(byStatus).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'none' : entries.map(([s, n]) => `${s}: ${n}`).join(', ');
}

export function startTraffic(opts: TrafficOptions = {}): TrafficRun {
  const endpoint = (opts.endpoint ?? defaultEndpoint()).replace(/\/+$/, '');
  const base = new URL(endpoint);
  const secure = base.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets: 32 }) : new HttpAgent({ keepAlive: true, maxSockets: 32 });
  const log = opts.log ?? ((line: string) => console.log(line));
  const ratePerSecond = (opts.ratePerMinute ?? 300) / 60;
  const maxInFlight = opts.maxInFlight ?? 64;
  const random = mulberry32(opts.seed ?? Date.now());
  const client = apiGatewayClient(endpoint);
  const paceCalls = pacer(4);
  /** Control-plane calls stop as soon as the run stops. */
  const pace = async () => {
    if (stopped) throw new Error('traffic stopped');
    await paceCalls();
    if (stopped) throw new Error('traffic stopped');
  };

  const started = Date.now();
  const stats: TrafficStats = {
    startedAt: new Date(started).toISOString(),
    elapsedMs: 0,
    requests: 0,
    byStatus: {},
    networkErrors: 0,
    skipped: 0,
    keys: 0,
    perKey: {},
    anonymous: { requests: 0, byStatus: {} },
  };
  let minute: StatusCounts & { networkErrors: number } = { requests: 0, byStatus: {}, networkErrors: 0 };
  let topology: Topology | undefined;
  const lanes = new Map<string, Lane>();
  const values = new Map<string, string>(); // keyId → value, memory only
  let anonAcc = 0.9; // the first anonymous request goes out right away
  let anonRate = 0;
  let inFlight = 0;
  let stopped = false;
  let lastTick = Date.now();
  let discovering: Promise<void> | undefined;
  let waitingLogged = false;
  const inFlightDone: (() => void)[] = [];

  function send(lane: Lane | undefined, badKey: boolean): void {
    if (!topology || stopped) return;
    if (inFlight >= maxInFlight) {
      stats.skipped++;
      return;
    }
    const route = pickRoute(random);
    const { path, body } = concreteRequest(route, random);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'gatehouse-traffic/1' };
    // Some clients ask for fresh answers with Cache-Control: max-age=0 (/flaky callers most); unsigned, so with
    // requireAuthorizationForCacheControl on the stage cache ignores them.
    if (random() < (route.resource === '/flaky' ? 0.3 : 0.05)) headers['cache-control'] = 'max-age=0';
    if (lane) headers['x-api-key'] = lane.value;
    else if (badKey) headers['x-api-key'] = `bad-${Math.floor(random() * 1e12).toString(36)}-not-a-real-key`;
    if (body) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const basePath = base.pathname.replace(/\/+$/, '');
    const fullPath = `${basePath}/restapis/${topology.apiId}/${topology.stage}/_user_request_${path}`;
    inFlight++;
    let finished = false;
    const finish = (status: string | undefined, errorType: string | undefined) => {
      if (finished) return;
      finished = true;
      inFlight--;
      if (status === undefined) {
        stats.networkErrors++;
        minute.networkErrors++;
      } else {
        bump(stats, status);
        bump(minute, status);
        if (lane) {
          const k = stats.perKey[lane.keyId];
          if (k) {
            bump(k, status);
            const admitted = status !== '403' && status !== '429' && errorType !== 'ServiceUnavailableException';
            if (admitted) {
              k.counted++;
              lane.countedSinceRefresh++;
            }
            if (errorType === 'LimitExceededException') lane.exhaustedAt = Date.now();
          }
        } else bump(stats.anonymous, status);
      }
      if (inFlight === 0) for (const f of inFlightDone.splice(0)) f();
    };
    const req = (secure ? httpsRequest : httpRequest)(
      { protocol: base.protocol, hostname: base.hostname, port: base.port, method: route.method, path: fullPath, headers, agent },
      (res: IncomingMessage) => {
        res.resume();
        res.on('end', () => {
          const errorType = res.headers['x-amzn-errortype'];
          finish(String(res.statusCode ?? 0), typeof errorType === 'string' ? errorType : undefined);
        });
        res.on('error', () => finish(undefined, undefined));
        res.on('close', () => finish(undefined, undefined)); // closed before the end: no (complete) answer
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', () => finish(undefined, undefined));
    req.end(body);
  }

  /** Desired requests per second of a key with a quota, from its target and what it used so far this period. */
  function quotaKeyRate(lane: Lane & { plan: { quota: NonNullable<PlanInfo['quota']> } }, now: number): number {
    const { limit, period } = lane.plan.quota;
    const today = epochDayOf(now);
    const { startDay, endDay } = periodBounds(period, today);
    const target = quotaTarget(lane.profile, lane.keyId, startDay) * limit;
    const periodMs = (endDay - startDay) * DAY_MS;
    // Within a day, follow the hour-of-day shape; across days, spread evenly.
    const dayShare = dayShareBefore(now - today * DAY_MS);
    const share = period === 'DAY' ? dayShare : (today - startDay + dayShare) / (endDay - startDay);
    const used = lane.usedAtRefresh + lane.countedSinceRefresh;
    const base = target / (periodMs / 1000);
    if (now - lane.exhaustedAt < 60_000 || used >= limit) return 1 / 60; // out of quota: a trickle that keeps seeing 429
    const deficit = target * share - used;
    if (deficit <= 0) return lane.profile === 'bursty' ? 0 : base * 0.25;
    return Math.max(base, deficit / CATCH_UP_S);
  }

  function rates(now: number): Map<Lane, number> {
    const out = new Map<Lane, number>();
    let quotaTotal = 0;
    let weightTotal = 0;
    for (const lane of lanes.values()) {
      if (isQuotaBound(lane.plan)) {
        const r = quotaKeyRate(lane as Lane & { plan: { quota: NonNullable<PlanInfo['quota']> } }, now);
        out.set(lane, r);
        quotaTotal += r;
      } else weightTotal += UNLIMITED_WEIGHT[lane.profile];
    }
    const anon = Math.max(ratePerSecond * 0.02, 1 / 30);
    const shared = Math.max(ratePerSecond - anon - quotaTotal, ratePerSecond * 0.25);
    for (const lane of lanes.values()) {
      if (!isQuotaBound(lane.plan)) out.set(lane, weightTotal > 0 ? (shared * UNLIMITED_WEIGHT[lane.profile]) / weightTotal : 0);
    }
    // Stay under half of each plan's steady rate, then under the overall rate.
    let total = anon;
    for (const [lane, r] of out) {
      const capped = lane.plan.rateLimit !== undefined ? Math.min(r, lane.plan.rateLimit * 0.5) : r;
      out.set(lane, capped);
      total += capped;
    }
    const scale = total > ratePerSecond ? ratePerSecond / total : 1;
    for (const [lane, r] of out) out.set(lane, r * scale);
    anonRate = anon * scale;
    return out;
  }

  function burstSize(lane: Lane): number {
    const burst = lane.plan.burstLimit;
    if (burst !== undefined && burst <= 300) return burst + 5 + Math.floor(random() * 10);
    return 25;
  }

  function nextBurstDelay(lane: Lane): number {
    if (!isQuotaBound(lane.plan)) return 45_000 + random() * 45_000;
    // Bursts on a quota plan take about half of the key's daily target.
    const { limit, period } = lane.plan.quota;
    const periodDays = period === 'DAY' ? 1 : period === 'WEEK' ? 7 : 30;
    const perDay = (limit * quotaTarget('bursty', lane.keyId, 0) * 0.5) / periodDays;
    const admitted = Math.min(lane.plan.burstLimit ?? 20, limit);
    const ms = (admitted / Math.max(perDay, 1)) * DAY_MS;
    return Math.min(30 * 60_000, Math.max(60_000, ms)) * (0.75 + random() * 0.5);
  }

  function tick(): void {
    const now = Date.now();
    const dt = Math.min(1, (now - lastTick) / 1000);
    lastTick = now;
    if (!topology) return;
    for (const [lane, r] of rates(now)) {
      lane.acc += r * dt;
      while (lane.acc >= 1) {
        lane.acc -= 1;
        send(lane, false);
      }
      if (lane.profile === 'bursty' && now >= lane.nextBurstAt) {
        lane.nextBurstAt = now + nextBurstDelay(lane);
        const exhausted = now - lane.exhaustedAt < 60_000;
        if (!exhausted) for (let i = burstSize(lane); i > 0; i--) send(lane, false);
      }
    }
    anonAcc += anonRate * dt;
    while (anonAcc >= 1) {
      anonAcc -= 1;
      send(undefined, random() < 0.5);
    }
  }

  async function discover(): Promise<void> {
    try {
      const found = await discoverTopology(client, pace, topology ? { apiId: topology.apiId } : undefined);
      const active = new Set<string>();
      const now = Date.now();
      for (const key of found.keys) {
        active.add(key.id);
        if (lanes.has(key.id) || stopped) continue;
        let value = values.get(key.id);
        if (value === undefined) {
          const fetched = await fetchKeyValue(client, pace, key.id).catch(() => undefined);
          if (!fetched?.enabled) continue; // disabled keys are tried again at the next discovery
          value = fetched.value;
          values.set(key.id, value);
        }
        const plan = found.plans.get(key.planId) as PlanInfo;
        const profile = opts.profiles?.[key.id] ?? profileFor(key.id, plan);
        lanes.set(key.id, {
          keyId: key.id,
          name: key.name,
          plan,
          profile,
          value,
          acc: hashFraction(`acc:${key.id}`),
          usedAtRefresh: 0,
          countedSinceRefresh: 0,
          exhaustedAt: 0,
          nextBurstAt: now + 15_000 + hashFraction(`burst:${key.id}`) * 30_000,
        });
        stats.perKey[key.id] ??= { name: key.name, planId: key.planId, profile, requests: 0, byStatus: {}, counted: 0 };
      }
      for (const id of lanes.keys()) if (!active.has(id)) lanes.delete(id);
      for (const lane of lanes.values()) lane.plan = found.plans.get(lane.plan.id) ?? lane.plan;
      const used = await fetchPeriodUsage(client, pace, found.plans.values(), Date.now());
      for (const lane of lanes.values()) {
        if (!isQuotaBound(lane.plan)) continue;
        lane.usedAtRefresh = used.get(`${lane.plan.id}/${lane.keyId}`) ?? 0;
        lane.countedSinceRefresh = 0;
      }
      const first = topology === undefined;
      topology = found;
      if (first || stats.keys !== lanes.size) {
        log(`[traffic] driving ${lanes.size} key(s) on ${found.apiName}/${found.stage} at up to ${Math.round(ratePerSecond * 60)} requests/min`);
      }
      stats.keys = lanes.size;
      waitingLogged = false;
    } catch (error) {
      if (!waitingLogged) {
        const e = error as NodeJS.ErrnoException;
        const why = error instanceof DiscoveryError ? error.message : `local AWS at ${endpoint} is not answering (${e.code ?? e.name}: ${e.message})`;
        log(`[traffic] waiting: ${why}; retrying every ${Math.round(retryMs / 1000)} s`);
        waitingLogged = true;
      }
      throw error;
    }
  }

  const retryMs = 5_000;
  const rediscoverMs = opts.rediscoverMs ?? 30_000;
  let discoveryTimer: NodeJS.Timeout | undefined;
  const scheduleDiscovery = (ms: number) => {
    if (stopped) return;
    discoveryTimer = setTimeout(() => {
      discovering = discover().then(
        () => scheduleDiscovery(rediscoverMs),
        () => scheduleDiscovery(topology ? rediscoverMs : retryMs),
      );
    }, ms);
  };
  discovering = discover().then(
    () => scheduleDiscovery(rediscoverMs),
    () => scheduleDiscovery(retryMs),
  );

  const summaryEveryMs = opts.summaryEveryMs ?? 60_000;
  const summarize = (label: string) => {
    const m = minute;
    minute = { requests: 0, byStatus: {}, networkErrors: 0 };
    const errors = m.networkErrors > 0 ? `, ${m.networkErrors} without answer` : '';
    log(`[traffic] ${new Date().toISOString().slice(11, 16)}Z ${label}: ${m.requests} requests (${formatStatuses(m.byStatus)})${errors}, ${lanes.size} key(s)`);
  };
  const ticker = setInterval(tick, TICK_MS);
  const summaryTimer = setInterval(() => summarize(`last ${Math.round(summaryEveryMs / 1000)} s`), summaryEveryMs);

  let finished: Promise<TrafficStats> | undefined;
  let resolveDone: (s: TrafficStats) => void = () => {};
  const done = new Promise<TrafficStats>((resolve) => (resolveDone = resolve));
  const snapshot = (): TrafficStats => ({ ...structuredClone(stats), elapsedMs: Date.now() - started });
  let durationTimer: NodeJS.Timeout | undefined;
  const onAbort = () => void stop();
  const stop = (): Promise<TrafficStats> =>
    (finished ??= (async () => {
      stopped = true;
      if (durationTimer) clearTimeout(durationTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      clearInterval(ticker);
      clearInterval(summaryTimer);
      if (discoveryTimer) clearTimeout(discoveryTimer);
      await discovering?.catch(() => undefined);
      if (inFlight > 0) await new Promise<void>((resolve) => inFlightDone.push(resolve));
      if (minute.requests > 0 || minute.networkErrors > 0) summarize('final');
      agent.destroy();
      client.destroy();
      values.clear();
      for (const lane of lanes.values()) lane.value = '';
      const result = snapshot();
      resolveDone(result);
      return result;
    })());

  if (opts.durationMs !== undefined) durationTimer = setTimeout(() => void stop(), opts.durationMs);
  if (opts.signal?.aborted) void stop();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });

  return { done, stop, stats: snapshot };
}
