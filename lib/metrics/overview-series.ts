// What the overview asks CloudWatch for and how the answer becomes chart points and a summary. Every series of
// the view (and the whole-range figures) is one query of the same GetMetricData call. Pure.
import type { TimeWindow } from "@/lib/metrics/ranges";

export const NAMESPACE = "AWS/ApiGateway";

export interface Dimension {
  Name: string;
  Value: string;
}

/** One MetricStat query in GetMetricData's shape (the SDK's MetricDataQuery, minus what we never use). */
export interface StatQuery {
  Id: string;
  Label: string;
  MetricStat: { Metric: { Namespace: string; MetricName: string; Dimensions: Dimension[] }; Period: number; Stat: string };
  ReturnData: true;
}

/** A query's answer: epoch seconds and values, in any order (CloudWatch defaults to newest first). */
export interface SeriesData {
  timestamps: number[];
  values: number[];
}
export type MetricAnswers = ReadonlyMap<string, SeriesData>;

export function stageDimensions(apiName: string, stage: string): Dimension[] {
  return [
    { Name: "ApiName", Value: apiName },
    { Name: "Stage", Value: stage },
  ];
}

/** Detailed-metrics dimensions of one method (CloudWatch matches dimension sets exactly). */
export function methodDimensions(apiName: string, stage: string, method: string, resource: string): Dimension[] {
  return [
    { Name: "ApiName", Value: apiName },
    { Name: "Method", Value: method },
    { Name: "Resource", Value: resource },
    { Name: "Stage", Value: stage },
  ];
}

export function statQuery(id: string, metricName: string, dimensions: Dimension[], period: number, stat: string): StatQuery {
  return {
    Id: id,
    Label: `${metricName} ${stat}`,
    MetricStat: { Metric: { Namespace: NAMESPACE, MetricName: metricName, Dimensions: dimensions }, Period: period, Stat: stat },
    ReturnData: true,
  };
}

/** The overview's series, each per period: [query id, metric, statistic]. */
const SERIES = [
  ["count", "Count", "Sum"],
  ["e4", "4XXError", "Sum"],
  ["e5", "5XXError", "Sum"],
  ["latAvg", "Latency", "Average"],
  ["latP50", "Latency", "p50"],
  ["latP90", "Latency", "p90"],
  ["latP99", "Latency", "p99"],
  ["intAvg", "IntegrationLatency", "Average"],
  ["hits", "CacheHitCount", "Sum"],
  ["misses", "CacheMissCount", "Sum"],
] as const;

/** Whole-range figures that cannot be derived from the per-period points (averages and percentiles). */
const TOTALS = [
  ["tLatAvg", "Latency", "Average"],
  ["tLatP50", "Latency", "p50"],
  ["tLatP90", "Latency", "p90"],
  ["tLatP99", "Latency", "p99"],
  ["tIntAvg", "IntegrationLatency", "Average"],
] as const;

/** Every query of the overview of one API stage over `window`: one GetMetricData call. */
export function overviewQueries(apiName: string, stage: string, window: TimeWindow): StatQuery[] {
  const dims = stageDimensions(apiName, stage);
  const whole = window.end - window.start;
  return [
    ...SERIES.map(([id, metric, stat]) => statQuery(id, metric, dims, window.period, stat)),
    ...TOTALS.map(([id, metric, stat]) => statQuery(id, metric, dims, whole, stat)),
  ];
}

export interface OverviewPoint {
  /** Start of the period, epoch seconds. */
  t: number;
  requests: number;
  errors4xx: number;
  errors5xx: number;
  /** Percent of requests; null when there were none. */
  rate4xx: number | null;
  rate5xx: number | null;
  latencyAvg: number | null;
  latencyP50: number | null;
  latencyP90: number | null;
  latencyP99: number | null;
  integrationAvg: number | null;
  cacheHits: number;
  cacheMisses: number;
  /** Percent of cache lookups that hit; null when there were none. */
  hitRatio: number | null;
}

export interface OverviewSummary {
  requests: number;
  errors4xx: number;
  errors5xx: number;
  rate4xx: number | null;
  rate5xx: number | null;
  latencyAvg: number | null;
  latencyP50: number | null;
  latencyP90: number | null;
  latencyP99: number | null;
  integrationAvg: number | null;
  cacheHits: number;
  cacheMisses: number;
  hitRatio: number | null;
}

/** Series as a lookup by period start. */
function byTime(answers: MetricAnswers, id: string): Map<number, number> {
  const data = answers.get(id);
  const out = new Map<number, number>();
  if (!data) return out;
  data.timestamps.forEach((t, i) => {
    const v = data.values[i];
    if (v !== undefined && Number.isFinite(v)) out.set(t, v);
  });
  return out;
}

/** `part` as a percent of `whole`, or null when `whole` is 0. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? (part / whole) * 100 : null;
}

/** The one value of a whole-range query (or the first, if CloudWatch split it), else null. */
function single(answers: MetricAnswers, id: string): number | null {
  const data = answers.get(id);
  const v = data?.values.find((x) => Number.isFinite(x));
  return v ?? null;
}

/**
 * Chart points for every period of the window (counts 0 and latencies null where CloudWatch has no data, so the
 * line has a gap rather than a false zero) and the summary of the whole range.
 */
export function shapeOverview(answers: MetricAnswers, window: TimeWindow): { points: OverviewPoint[]; summary: OverviewSummary } {
  const s = Object.fromEntries(SERIES.map(([id]) => [id, byTime(answers, id)])) as Record<(typeof SERIES)[number][0], Map<number, number>>;
  const points = window.slots.map((t): OverviewPoint => {
    const requests = s.count.get(t) ?? 0;
    const errors4xx = s.e4.get(t) ?? 0;
    const errors5xx = s.e5.get(t) ?? 0;
    const cacheHits = s.hits.get(t) ?? 0;
    const cacheMisses = s.misses.get(t) ?? 0;
    return {
      t,
      requests,
      errors4xx,
      errors5xx,
      rate4xx: percent(errors4xx, requests),
      rate5xx: percent(errors5xx, requests),
      latencyAvg: s.latAvg.get(t) ?? null,
      latencyP50: s.latP50.get(t) ?? null,
      latencyP90: s.latP90.get(t) ?? null,
      latencyP99: s.latP99.get(t) ?? null,
      integrationAvg: s.intAvg.get(t) ?? null,
      cacheHits,
      cacheMisses,
      hitRatio: percent(cacheHits, cacheHits + cacheMisses),
    };
  });
  const sum = (key: "requests" | "errors4xx" | "errors5xx" | "cacheHits" | "cacheMisses") => points.reduce((n, p) => n + p[key], 0);
  const requests = sum("requests");
  const errors4xx = sum("errors4xx");
  const errors5xx = sum("errors5xx");
  const cacheHits = sum("cacheHits");
  const cacheMisses = sum("cacheMisses");
  return {
    points,
    summary: {
      requests,
      errors4xx,
      errors5xx,
      rate4xx: percent(errors4xx, requests),
      rate5xx: percent(errors5xx, requests),
      latencyAvg: single(answers, "tLatAvg"),
      latencyP50: single(answers, "tLatP50"),
      latencyP90: single(answers, "tLatP90"),
      latencyP99: single(answers, "tLatP99"),
      integrationAvg: single(answers, "tIntAvg"),
      cacheHits,
      cacheMisses,
      hitRatio: percent(cacheHits, cacheHits + cacheMisses),
    },
  };
}

export interface MethodRef {
  /** Resource path, e.g. "/pets/{id}". */
  resource: string;
  method: string;
}

export interface MethodRow extends MethodRef {
  requests: number;
  errors4xx: number;
  errors5xx: number;
  rate4xx: number | null;
  rate5xx: number | null;
  latencyAvg: number | null;
  latencyP99: number | null;
  cacheHits: number;
  cacheMisses: number;
  hitRatio: number | null;
}

const METHOD_TOTALS = [
  ["c", "Count", "Sum"],
  ["f", "4XXError", "Sum"],
  ["x", "5XXError", "Sum"],
  ["a", "Latency", "Average"],
  ["p", "Latency", "p99"],
  ["h", "CacheHitCount", "Sum"],
  ["m", "CacheMissCount", "Sum"],
] as const;

/**
 * The per-method view's queries: each method's whole-range figures plus its requests per period (for the chart),
 * all in one call. Ids are `<kind><index>` (m0c, m0f…; s0 for the series) so any path is safe as an id.
 */
export function methodQueries(apiName: string, stage: string, methods: MethodRef[], window: TimeWindow): StatQuery[] {
  const whole = window.end - window.start;
  return methods.flatMap((m, i) => {
    const dims = methodDimensions(apiName, stage, m.method, m.resource);
    return [
      ...METHOD_TOTALS.map(([k, metric, stat]) => statQuery(`m${i}${k}`, metric, dims, whole, stat)),
      statQuery(`s${i}`, "Count", dims, window.period, "Sum"),
    ];
  });
}

export function shapeMethods(
  answers: MetricAnswers,
  methods: MethodRef[],
  window: TimeWindow,
): { rows: MethodRow[]; points: Array<{ t: number } & Record<string, number>> } {
  const total = (i: number, k: string) => (answers.get(`m${i}${k}`)?.values ?? []).filter(Number.isFinite).reduce((a, b) => a + b, 0);
  const rows = methods.map((m, i): MethodRow => {
    const requests = total(i, "c");
    const errors4xx = total(i, "f");
    const errors5xx = total(i, "x");
    const cacheHits = total(i, "h");
    const cacheMisses = total(i, "m");
    return {
      ...m,
      requests,
      errors4xx,
      errors5xx,
      rate4xx: percent(errors4xx, requests),
      rate5xx: percent(errors5xx, requests),
      latencyAvg: single(answers, `m${i}a`),
      latencyP99: single(answers, `m${i}p`),
      cacheHits,
      cacheMisses,
      hitRatio: percent(cacheHits, cacheHits + cacheMisses),
    };
  });
  const series = methods.map((_, i) => byTime(answers, `s${i}`));
  const points = window.slots.map((t) => {
    const point: { t: number } & Record<string, number> = { t };
    series.forEach((s, i) => (point[`s${i}`] = s.get(t) ?? 0));
    return point;
  });
  return { rows, points };
}
