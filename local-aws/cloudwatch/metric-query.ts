/** Turns stored buckets into a time series of one statistic: the building block of every read path. */
import { invalidParameterValue } from './errors';
import { MINUTE_RETENTION_S, type Dimension, type MetricStore } from './metric-store';
import { parsePercentile } from './percentiles';

export type TimeSeries = { t: number[]; v: number[]; period: number };

export const BASIC_STATS = new Set(['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount']);

/** Sum/Average/Minimum/Maximum/SampleCount and pNN / pNN.NN percentiles are supported. */
export function checkStat(stat: string, path: string): void {
  if (BASIC_STATS.has(stat) || parsePercentile(stat) !== undefined) return;
  throw invalidParameterValue(`The value ${stat} for parameter ${path} is not supported. Supported statistics are ` +
    'Sum, Average, Minimum, Maximum, SampleCount and percentiles pNN or pNN.NN.');
}

/**
 * Rounds a start time down the way CloudWatch does: to the minute for recent data, to the hour for data older
 * than 15 days (only hourly roll-ups exist there).
 */
export function alignStart(startSec: number, nowMs: number): number {
  const s = Math.floor(startSec);
  if (s < nowMs / 1000 - MINUTE_RETENTION_S) return s - (((s % 3600) + 3600) % 3600);
  return s - (((s % 60) + 60) % 60);
}

export type MetricSpec = { namespace: string; name: string; dimensions: Dimension[]; period: number; stat: string; unit?: string };

/** One value per non-empty period `alignedStart + k*period` in [alignedStart, endSec), ascending. */
export function statSeries(store: MetricStore, spec: MetricSpec, alignedStart: number, endSec: number): TimeSeries {
  const series = store.get(spec.namespace, spec.name, spec.dimensions);
  const out: TimeSeries = { t: [], v: [], period: spec.period };
  for (const { t, agg } of store.aggregate(series, alignedStart, endSec, spec.period, spec.unit)) {
    const v = agg.stat(spec.stat);
    if (v === undefined || !Number.isFinite(v)) continue;
    out.t.push(t);
    out.v.push(v);
  }
  return out;
}
