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
import { cachedView } from "@/lib/metrics/view-cache";
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
  /** When CloudWatch answered (epoch ms): up to a minute ago when served from the cache. */
  fetchedAt: number;
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
    return ok({ range, period: window.period, start: window.start, end: window.end, points, summary, fetchedAt: cached.fetchedAt, fromCache: cached.fromCache });
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
  const perKey = await db.usageDay.groupBy({ by: ["apiKeyId"], where: { date: new Date(`${day}T00:00:00.000Z`) }, _sum: { used: true } });
  const keys = await db.apiKey.findMany({
    where: { id: { in: perKey.map((k) => k.apiKeyId) } },
    select: { id: true, customer: { select: { id: true, name: true, company: true, status: true, tier: { select: { name: true } } } } },
  });
  const customerOf = new Map(keys.map((k) => [k.id, k.customer]));
  const totals = new Map<string, TopCustomer>();
  for (const k of perKey) {
    const c = customerOf.get(k.apiKeyId);
    if (!c || c.status === "DELETED") continue;
    const row = totals.get(c.id) ?? { customerId: c.id, name: c.name, company: c.company, tierName: c.tier.name, requests: 0 };
    row.requests += k._sum.used ?? 0;
    totals.set(c.id, row);
  }
  const rows = [...totals.values()].filter((r) => r.requests > 0).sort((a, b) => b.requests - a.requests || a.name.localeCompare(b.name)).slice(0, limit);
  return ok({ day, rows });
}
