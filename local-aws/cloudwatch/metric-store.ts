/**
 * In-memory metric storage: one series per (namespace, metric name, sorted dimensions), each holding per-minute
 * buckets (sum, count, min, max, unit, exact values or a log histogram). Minute buckets older than the minute
 * retention (15 days by default, as CloudWatch; local AWS's server uses less to bound memory) are rolled up into
 * hourly buckets, which are kept for 455 days (CloudWatch's 5-minute tier is skipped). Backfilled history may be
 * written straight into hourly buckets.
 */
import { LogHistogram, parsePercentile, type EncodedHistogram } from './percentiles';

export type Dimension = { Name: string; Value: string };

/**
 * `raw` keeps the exact (value, count) pairs, flattened, one pair per distinct value, while a bucket holds at most
 * RAW_CAP distinct values, so low-volume percentiles are exact and 0/1 counters stay tiny. Past that, `raw` is
 * dropped (null) and a log histogram (`hist`) takes over. Exactly one of the two is set, except after a statistic
 * set with Minimum != Maximum, which leaves the histogram short of SampleCount (no percentiles, as in AWS).
 */
export type Bucket = {
  sum: number; count: number; min: number; max: number; unit: string; hist: LogHistogram | null; raw: number[] | null;
};

const RAW_CAP = 64;
const EXACT_PERCENTILE_MAX_PAIRS = 4096;

function histogramOfRaw(raw: number[], into = new LogHistogram()): LogHistogram {
  for (let i = 0; i + 1 < raw.length; i += 2) into.add(raw[i] as number, raw[i + 1] as number);
  return into;
}

/** The bucket's histogram, switching it from exact values to the histogram if needed. */
function toHistogram(b: Bucket): LogHistogram {
  if (b.hist === null) b.hist = b.raw === null ? new LogHistogram() : histogramOfRaw(b.raw);
  b.raw = null;
  return b.hist;
}

function addSamples(b: Bucket, value: number, count: number): void {
  const raw = b.raw;
  if (raw !== null) {
    for (let i = 0; i < raw.length; i += 2) {
      if (raw[i] === value) {
        raw[i + 1] = (raw[i + 1] as number) + count;
        return;
      }
    }
    if (raw.length < RAW_CAP * 2) {
      raw.push(value, count);
      return;
    }
  }
  toHistogram(b).add(value, count);
}

export type MetricSeries = {
  key: string;
  namespace: string;
  name: string;
  dimensions: Dimension[];
  minutes: Map<number, Bucket>; // key: bucket start, epoch seconds
  hours: Map<number, Bucket>;
  lastPutMs: number;
};

const MINUTE = 60;
const HOUR = 3600;
/** CloudWatch keeps 1-minute data for 15 days. */
export const MINUTE_RETENTION_S = 15 * 86400;
export const HOUR_RETENTION_S = 455 * 86400;

function sortedDimensions(dims: Dimension[]): Dimension[] {
  for (let i = 1; i < dims.length; i++) {
    if ((dims[i - 1] as Dimension).Name > (dims[i] as Dimension).Name) {
      return [...dims].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
    }
  }
  return dims;
}

export function seriesKey(namespace: string, name: string, sortedDims: Dimension[]): string {
  let key = namespace + '\u0000' + name;
  for (const d of sortedDims) key += '\u0000' + d.Name + '\u0001' + d.Value;
  return key;
}

function newBucket(unit: string): Bucket {
  return { sum: 0, count: 0, min: Infinity, max: -Infinity, unit, hist: null, raw: [] };
}

function mergeInto(target: Bucket, b: Bucket): void {
  target.sum += b.sum;
  target.count += b.count;
  if (b.min < target.min) target.min = b.min;
  if (b.max > target.max) target.max = b.max;
  if (b.raw !== null && target.raw !== null) {
    for (let i = 0; i + 1 < b.raw.length; i += 2) addSamples(target, b.raw[i] as number, b.raw[i + 1] as number);
  } else if (b.raw !== null) {
    histogramOfRaw(b.raw, toHistogram(target));
  } else {
    const h = toHistogram(target);
    if (b.hist) h.merge(b.hist);
  }
}

/** Exact nearest-rank quantile over (value, count) pairs. */
function exactQuantile(pairs: [number, number][], total: number, q: number): number | undefined {
  pairs.sort((a, b) => a[0] - b[0]);
  const rank = Math.max(1, Math.ceil(q * total - 1e-9));
  let seen = 0;
  for (const [v, c] of pairs) {
    seen += c;
    if (seen >= rank) return v;
  }
  return pairs[pairs.length - 1]?.[0];
}

/** Statistics of one period, built from the buckets that fall into it. */
export class PeriodAggregate {
  sum = 0;
  count = 0;
  min = Infinity;
  max = -Infinity;
  unit: string | undefined;
  private readonly parts: Bucket[] = [];
  private merged: LogHistogram | undefined;

  add(b: Bucket): void {
    this.sum += b.sum;
    this.count += b.count;
    if (b.min < this.min) this.min = b.min;
    if (b.max > this.max) this.max = b.max;
    this.unit ??= b.unit;
    this.parts.push(b);
  }

  /** Value of a statistic, or undefined when it cannot be computed (e.g. percentiles of statistic sets). */
  stat(stat: string): number | undefined {
    if (this.count <= 0) return undefined;
    switch (stat) {
      case 'Sum': return this.sum;
      case 'SampleCount': return this.count;
      case 'Average': return this.sum / this.count;
      case 'Minimum': return this.min;
      case 'Maximum': return this.max;
    }
    const q = parsePercentile(stat);
    if (q === undefined) return undefined;
    if (this.parts.every((p) => p.raw !== null)) {
      const pairs: [number, number][] = [];
      let total = 0;
      for (const p of this.parts) {
        const raw = p.raw as number[];
        for (let i = 0; i + 1 < raw.length; i += 2) { pairs.push([raw[i] as number, raw[i + 1] as number]); total += raw[i + 1] as number; }
      }
      // Statistic sets with Min != Max drop `raw`, so a complete raw list always covers SampleCount.
      if (pairs.length <= EXACT_PERCENTILE_MAX_PAIRS && Math.abs(total - this.count) < 1e-9) return exactQuantile(pairs, total, q);
    }
    if (!this.merged) {
      this.merged = new LogHistogram();
      for (const p of this.parts) {
        if (p.raw !== null) histogramOfRaw(p.raw, this.merged);
        else if (p.hist) this.merged.merge(p.hist);
      }
    }
    // Percentiles need raw values: statistic sets (with Min != Max) leave the histogram short of SampleCount.
    if (this.merged.count < this.count - 1e-9) return undefined;
    return this.merged.quantile(q, this.min, this.max);
  }
}

export type EncodedBucket = [number, number, number, number, number, string, EncodedHistogram, number[] | null];
export type EncodedSeries = {
  ns: string; name: string; dims: Dimension[]; last: number; m: EncodedBucket[]; h: EncodedBucket[];
};

const EMPTY_HISTOGRAM: EncodedHistogram = { z: 0, p: [], n: [] };

export class MetricStore {
  readonly series = new Map<string, MetricSeries>();

  /** `minuteRetentionS`: how long 1-minute buckets are kept before they are rolled up into hourly ones. */
  constructor(readonly minuteRetentionS = MINUTE_RETENTION_S) {}

  private seriesFor(namespace: string, name: string, dimensions: Dimension[], nowMs: number): MetricSeries {
    const dims = sortedDimensions(dimensions);
    const key = seriesKey(namespace, name, dims);
    let s = this.series.get(key);
    if (!s) {
      s = {
        key, namespace, name,
        dimensions: dims.map((d) => ({ Name: d.Name, Value: d.Value })),
        minutes: new Map(), hours: new Map(), lastPutMs: nowMs,
      };
      this.series.set(key, s);
    }
    s.lastPutMs = nowMs;
    return s;
  }

  private bucketFor(s: MetricSeries, timestampMs: number, unit: string, hourly: boolean): Bucket {
    const map = hourly ? s.hours : s.minutes;
    const t = hourly ? Math.floor(timestampMs / 3600_000) * HOUR : Math.floor(timestampMs / 60000) * MINUTE;
    let b = map.get(t);
    if (!b) {
      b = newBucket(unit);
      map.set(t, b);
    } else if (unit !== 'None' || !b.unit) {
      b.unit = unit;
    }
    return b;
  }

  /** Records `count` samples of `value` (into the hourly bucket when `hourly`, e.g. for backfilled history). */
  addValue(namespace: string, name: string, dims: Dimension[], value: number, count: number, unit: string,
    timestampMs: number, nowMs: number, hourly = false): void {
    const b = this.bucketFor(this.seriesFor(namespace, name, dims, nowMs), timestampMs, unit, hourly);
    b.sum += value * count;
    b.count += count;
    if (value < b.min) b.min = value;
    if (value > b.max) b.max = value;
    addSamples(b, value, count);
  }

  /** Records a pre-aggregated statistic set; percentiles stay available only if every sample had the same value. */
  addStatisticSet(namespace: string, name: string, dims: Dimension[],
    set: { SampleCount: number; Sum: number; Minimum: number; Maximum: number }, unit: string,
    timestampMs: number, nowMs: number, hourly = false): void {
    const b = this.bucketFor(this.seriesFor(namespace, name, dims, nowMs), timestampMs, unit, hourly);
    b.sum += set.Sum;
    b.count += set.SampleCount;
    if (set.Minimum < b.min) b.min = set.Minimum;
    if (set.Maximum > b.max) b.max = set.Maximum;
    if (set.Minimum === set.Maximum) {
      addSamples(b, set.Minimum, set.SampleCount);
    } else {
      toHistogram(b); // the set's samples are unknown: the histogram stays short of SampleCount
    }
  }

  get(namespace: string, name: string, dims: Dimension[]): MetricSeries | undefined {
    return this.series.get(seriesKey(namespace, name, sortedDimensions(dims)));
  }

  /**
   * Groups the series' buckets into periods `alignedStart + k*period` covering [alignedStart, endSec).
   * Returns the non-empty periods in ascending time order.
   */
  aggregate(s: MetricSeries | undefined, alignedStart: number, endSec: number, period: number,
    unit?: string): { t: number; agg: PeriodAggregate }[] {
    if (!s) return [];
    const byPeriod = new Map<number, PeriodAggregate>();
    const visit = (t: number, b: Bucket) => {
      if (t < alignedStart || t >= endSec || b.count <= 0) return;
      if (unit !== undefined && b.unit !== unit) return;
      const k = Math.floor((t - alignedStart) / period);
      let agg = byPeriod.get(k);
      if (!agg) byPeriod.set(k, (agg = new PeriodAggregate()));
      agg.add(b);
    };
    const span = (endSec - alignedStart) / MINUTE;
    if (span < s.minutes.size) {
      for (let t = alignedStart - (alignedStart % MINUTE); t < endSec; t += MINUTE) {
        const b = s.minutes.get(t);
        if (b) visit(t, b);
      }
    } else {
      for (const [t, b] of s.minutes) visit(t, b);
    }
    for (const [t, b] of s.hours) visit(t, b);
    return [...byPeriod.entries()].sort((a, b) => a[0] - b[0]).map(([k, agg]) => ({ t: alignedStart + k * period, agg }));
  }

  /** Rolls old minute buckets into hourly ones and drops data past retention. */
  compact(nowMs: number): void {
    const nowS = Math.floor(nowMs / 1000);
    const minuteCutoff = nowS - this.minuteRetentionS;
    const hourCutoff = nowS - HOUR_RETENTION_S;
    for (const [key, s] of this.series) {
      for (const [t, b] of s.minutes) {
        if (t >= minuteCutoff) continue;
        s.minutes.delete(t);
        const h = t - (t % HOUR);
        let hb = s.hours.get(h);
        if (!hb) s.hours.set(h, (hb = newBucket(b.unit)));
        mergeInto(hb, b);
      }
      for (const t of s.hours.keys()) if (t < hourCutoff) s.hours.delete(t);
      if (s.minutes.size === 0 && s.hours.size === 0) this.series.delete(key);
    }
  }

  encode(): EncodedSeries[] {
    const enc = (m: Map<number, Bucket>): EncodedBucket[] =>
      [...m].map(([t, b]) => [t, b.sum, b.count, b.min, b.max, b.unit, b.hist ? b.hist.encode() : EMPTY_HISTOGRAM, b.raw]);
    return [...this.series.values()].map((s) => ({
      ns: s.namespace, name: s.name, dims: s.dimensions, last: s.lastPutMs, m: enc(s.minutes), h: enc(s.hours),
    }));
  }

  static decode(list: EncodedSeries[], minuteRetentionS?: number): MetricStore {
    const store = new MetricStore(minuteRetentionS);
    // While `raw` is present it is complete, so the histogram is not needed (older files stored both).
    const dec = (arr: EncodedBucket[]) => new Map(arr.map(([t, sum, count, min, max, unit, h, raw]) =>
      [t, { sum, count, min, max, unit, hist: raw ? null : LogHistogram.decode(h), raw: raw ?? null }] as [number, Bucket]));
    for (const e of list) {
      const dims = sortedDimensions(e.dims);
      const key = seriesKey(e.ns, e.name, dims);
      store.series.set(key, {
        key, namespace: e.ns, name: e.name, dimensions: dims, minutes: dec(e.m), hours: dec(e.h), lastPutMs: e.last,
      });
    }
    return store;
  }
}
