import "server-only";
import { toAppError } from "@/lib/aws/errors";
import { getMetricData } from "@/lib/aws/metrics";
import { getStageMetricsSettings, listMethods } from "@/lib/aws/resources";
import { db } from "@/lib/db";
import {
  methodQueries,
  overviewQueries,
  shapeMethods,
  shapeOverview,
  type MethodRow,
  type OverviewPoint,
  type OverviewSummary,
} from "@/lib/metrics/overview-series";
import { RANGES, windowFor, type RangeKey } from "@/lib/metrics/ranges";
import { cachedView, viewCacheSeconds } from "@/lib/metrics/view-cache";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { ok, type Result } from "@/lib/result";
import { utcDay } from "@/lib/usage/utc-days";

/** Methods the per-method view charts at most: 8 queries each must fit GetMetricData's 500 per call. */
export const MAX_METHODS = 60;

export interface StageRef {
  apiName: string;
  restApiId: string;
  stage: string;
}

export interface MetricsOverview {
  range: RangeKey;
  period: number;
  start: number;
  end: number;
  points: OverviewPoint[];
  summary: OverviewSummary;
  /** When CloudWatch answered (epoch ms): up to cacheSeconds ago when served from the cache. */
  fetchedAt: number;
  /** How long a view is served from the cache (GATEHOUSE_METRICS_CACHE_SECONDS). */
  cacheSeconds: number;
  fromCache: boolean;
}

/** Count, errors, latency, integration latency and cache figures of one API stage: one GetMetricData call, cached a minute. */
export async function loadMetricsOverview(actor: Actor | null, ref: StageRef, range: RangeKey, now = Date.now()): Promise<Result<MetricsOverview>> {
  const allowed = authorize(actor, "metrics.read");
  if (!allowed.ok) return allowed;
  try {
    const cached = await cachedView(`view|${ref.apiName}|${ref.stage}|overview|${range}`, async () => {
      const window = windowFor(RANGES[range], now);
      const answers = await getMetricData(overviewQueries(ref.apiName, ref.stage, window), window.start, window.end);
      return { window, ...shapeOverview(answers, window) };
    });
    const { window, points, summary } = cached.value;
    return ok({ range, period: window.period, start: window.start, end: window.end, points, summary, fetchedAt: cached.fetchedAt, cacheSeconds: viewCacheSeconds(), fromCache: cached.fromCache });
  } catch (error) {
    return { ok: false, error: toAppError(error, "Loading CloudWatch metrics") };
  }
}

export interface MethodMetrics {
  range: RangeKey;
  period: number;
  detailedMetrics: boolean;
  /** Methods with settings of their own that do not follow the stage's switch (shown as a note). */
  overridesOff: string[];
  rows: MethodRow[];
  points: Array<{ t: number } & Record<string, number>>;
  /** Methods left out because the view is capped at MAX_METHODS. */
  omitted: number;
  fetchedAt: number;
  /** How long a view is served from the cache (GATEHOUSE_METRICS_CACHE_SECONDS). */
  cacheSeconds: number;
  fromCache: boolean;
}

/** Per-method figures (detailed metrics: ApiName, Method, Resource, Stage) for every method of the API: one call. */
export async function loadMethodMetrics(actor: Actor | null, ref: StageRef, range: RangeKey, now = Date.now()): Promise<Result<MethodMetrics>> {
  const allowed = authorize(actor, "metrics.read");
  if (!allowed.ok) return allowed;
  try {
    const settings = await getStageMetricsSettings(ref.restApiId, ref.stage);
    const { value: all } = await cachedView(`methods|${ref.restApiId}`, () => listMethods(ref.restApiId));
    const methods = all.slice(0, MAX_METHODS);
    const cached = await cachedView(`view|${ref.apiName}|${ref.stage}|methods|${range}`, async () => {
      const window = windowFor(RANGES[range], now);
      const answers = methods.length > 0 ? await getMetricData(methodQueries(ref.apiName, ref.stage, methods, window), window.start, window.end) : new Map();
      return { window, ...shapeMethods(answers, methods, window) };
    });
    return ok({
      range,
      period: cached.value.window.period,
      detailedMetrics: settings.detailedMetrics,
      overridesOff: settings.detailedMetrics ? settings.methodOverrides.filter((o) => !o.detailedMetrics).map((o) => o.key) : [],
      rows: cached.value.rows,
      points: cached.value.points,
      omitted: all.length - methods.length,
      fetchedAt: cached.fetchedAt,
      cacheSeconds: viewCacheSeconds(),
      fromCache: cached.fromCache,
    });
  } catch (error) {
    return { ok: false, error: toAppError(error, "Loading per-method metrics") };
  }
}

export interface TopCustomer {
  customerId: string;
  name: string;
  company: string | null;
  tierName: string;
  requests: number;
}

/** The customers with the most requests today (UTC), from the portal's synced usage (UsageDay). */
export async function topCustomersToday(actor: Actor | null, limit = 10, now = new Date()): Promise<Result<{ day: string; rows: TopCustomer[] }>> {
  const allowed = authorize(actor, "metrics.read");
  if (!allowed.ok) return allowed;
  const day = utcDay(now);
  // One aggregate in the database (UsageDay is indexed by date): a day's rows can number one per key.
  const rows = await db.$queryRaw<Array<{ customerId: string; name: string; company: string | null; tierName: string; requests: bigint }>>`
    SELECT c.id AS "customerId", c.name, c.company, t.name AS "tierName", SUM(u.used)::bigint AS requests
    FROM "UsageDay" u
    JOIN "ApiKey" k ON k.id = u."apiKeyId"
    JOIN "Customer" c ON c.id = k."customerId"
    JOIN "Tier" t ON t.id = c."tierId"
    WHERE u.date = ${day}::date AND c.status <> 'DELETED'
    GROUP BY c.id, c.name, c.company, t.name
    HAVING SUM(u.used) > 0
    ORDER BY requests DESC, c.name ASC
    LIMIT ${limit}`;
  return ok({ day, rows: rows.map((r) => ({ ...r, requests: Number(r.requests) })) });
}
