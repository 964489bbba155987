/**
 * PutMetricData: validates the whole request first (it is all-or-nothing, like AWS), then records it.
 * The same parser serves local AWS's metric backfill (`backfillMetricData`), which also accepts the reserved `AWS/`
 * namespaces, timestamps up to the hourly retention in the past and more data per call.
 */
import { invalidParameterCombination, invalidParameterValue, missingParameter } from './errors';
import {
  asObject, dimensions, optArray, optInteger, optNumber, optTimestampMs, optUnit, reqNumber, reqString, type Obj,
} from './input';
import { HOUR_RETENTION_S, type Dimension, type MetricStore } from './metric-store';

const MAX_ABS = 2 ** 360;
const MIN_ABS = 2 ** -360;
const TWO_WEEKS_MS = 14 * 86400_000;
const TWO_HOURS_MS = 2 * 3600_000;

type Parsed = {
  name: string; dims: Dimension[]; ts: number; unit: string;
  values?: { v: number; c: number }[];
  set?: { SampleCount: number; Sum: number; Minimum: number; Maximum: number };
};

function checkValue(v: number, path: string): number {
  const abs = Math.abs(v);
  if (!Number.isFinite(v) || (abs !== 0 && (abs > MAX_ABS || abs < MIN_ABS))) {
    throw invalidParameterValue(`The value ${v} for parameter ${path} is invalid.`);
  }
  return v;
}

function parseDatum(raw: unknown, i: number, nowMs: number, maxAgeMs = TWO_WEEKS_MS): Parsed {
  const p = `MetricData.member.${i}`;
  const d = asObject(raw, p);
  const name = reqString(d, 'MetricName', `${p}.MetricName`);
  const dims = dimensions(d, 'Dimensions', `${p}.Dimensions`);
  const ts = optTimestampMs(d, 'Timestamp', `${p}.Timestamp`) ?? nowMs;
  if (ts < nowMs - maxAgeMs || ts > nowMs + TWO_HOURS_MS) {
    throw invalidParameterValue(maxAgeMs === TWO_WEEKS_MS
      ? `The parameter ${p}.Timestamp must specify a time no more than two weeks in the past and no more than two hours in the future.`
      : `The parameter ${p}.Timestamp must specify a time no more than ${Math.round(maxAgeMs / 86400_000)} days in the past and no more than two hours in the future.`);
  }
  const unit = optUnit(d, 'Unit', `${p}.Unit`) ?? 'None';
  const res = optInteger(d, 'StorageResolution', `${p}.StorageResolution`);
  if (res !== undefined && res !== 1 && res !== 60) {
    throw invalidParameterValue(`The value ${res} for parameter ${p}.StorageResolution is invalid. Valid values are 1 and 60.`);
  }
  const value = optNumber(d, 'Value', `${p}.Value`);
  const values = optArray(d, 'Values', `${p}.Values`);
  const counts = optArray(d, 'Counts', `${p}.Counts`);
  const setRaw = d['StatisticValues'];
  const given = [value !== undefined && 'Value', values !== undefined && 'Values', setRaw != null && 'StatisticValues']
    .filter((x): x is string => !!x);
  if (given.length > 1) {
    throw invalidParameterCombination(
      `The parameters ${p}.${given[0]} and ${p}.${given[1]} are mutually exclusive and you have specified both.`);
  }
  if (given.length === 0) {
    throw invalidParameterCombination(
      `At least one of the parameters ${p}.Value, ${p}.Values or ${p}.StatisticValues must be specified.`);
  }
  if (counts !== undefined && values === undefined) {
    throw invalidParameterCombination(`The parameter ${p}.Counts can only be specified together with ${p}.Values.`);
  }
  if (value !== undefined) return { name, dims, ts, unit, values: [{ v: checkValue(value, `${p}.Value`), c: 1 }] };
  if (values !== undefined) {
    if (values.length > 150) throw invalidParameterValue(`The collection ${p}.Values must not have a size greater than 150.`);
    if (counts !== undefined && counts.length !== values.length) {
      throw invalidParameterValue(`The parameters ${p}.Values and ${p}.Counts must be of the same size.`);
    }
    return {
      name, dims, ts, unit,
      values: values.map((v, j) => {
        if (typeof v !== 'number') throw invalidParameterValue(`The parameter ${p}.Values.member.${j + 1} must be a number.`);
        const c = counts === undefined ? 1 : counts[j];
        if (typeof c !== 'number' || !(c >= 0) || !Number.isFinite(c)) {
          throw invalidParameterValue(`The value ${String(c)} for parameter ${p}.Counts.member.${j + 1} is invalid.`);
        }
        return { v: checkValue(v, `${p}.Values.member.${j + 1}`), c };
      }),
    };
  }
  const s: Obj = asObject(setRaw, `${p}.StatisticValues`);
  const sp = `${p}.StatisticValues`;
  const set = {
    SampleCount: checkValue(reqNumber(s, 'SampleCount', `${sp}.SampleCount`), `${sp}.SampleCount`),
    Sum: checkValue(reqNumber(s, 'Sum', `${sp}.Sum`), `${sp}.Sum`),
    Minimum: checkValue(reqNumber(s, 'Minimum', `${sp}.Minimum`), `${sp}.Minimum`),
    Maximum: checkValue(reqNumber(s, 'Maximum', `${sp}.Maximum`), `${sp}.Maximum`),
  };
  if (!(set.SampleCount > 0)) throw invalidParameterValue(`The value ${set.SampleCount} for parameter ${sp}.SampleCount is invalid.`);
  if (set.Minimum > set.Maximum) {
    throw invalidParameterValue(`The parameter ${sp}.Minimum must be less than or equal to the parameter ${sp}.Maximum.`);
  }
  return { name, dims, ts, unit, set };
}

const BACKFILL_MAX_DATA = 20_000;

function record(store: MetricStore, input: unknown, nowMs: number, backfill: boolean): number {
  const o = asObject(input);
  const namespace = reqString(o, 'Namespace');
  if (namespace.startsWith('AWS/') && !backfill) throw invalidParameterValue(`The value ${namespace} for parameter Namespace is invalid.`);
  if (namespace.length > 255) throw invalidParameterValue('The parameter Namespace must be at most 255 characters long.');
  const data = optArray(o, 'MetricData');
  if (data === undefined || data.length === 0) throw missingParameter('MetricData');
  const max = backfill ? BACKFILL_MAX_DATA : 1000;
  if (data.length > max) throw invalidParameterValue(`The collection MetricData must not have a size greater than ${max}.`);
  let resolution = 'minute';
  if (backfill) {
    const r = o['Resolution'];
    if (r !== undefined && r !== 'minute' && r !== 'hour') throw invalidParameterValue('Resolution must be "minute" or "hour".');
    if (r === 'hour') resolution = 'hour';
  }
  const parsed = data.map((raw, i) => parseDatum(raw, i + 1, nowMs, backfill ? HOUR_RETENTION_S * 1000 : TWO_WEEKS_MS));
  // Backfilled points older than the store keeps minutes for go straight into hourly buckets.
  const minuteCutoffMs = nowMs - store.minuteRetentionS * 1000;
  for (const p of parsed) {
    const hourly = backfill && (resolution === 'hour' || p.ts < minuteCutoffMs);
    if (p.set) {
      store.addStatisticSet(namespace, p.name, p.dims, p.set, p.unit, p.ts, nowMs, hourly);
    } else {
      for (const { v, c } of p.values ?? []) {
        if (c > 0) store.addValue(namespace, p.name, p.dims, v, c, p.unit, p.ts, nowMs, hourly);
      }
    }
  }
  return parsed.length;
}

export function putMetricData(store: MetricStore, input: unknown, nowMs: number): Record<string, never> {
  record(store, input, nowMs, false);
  return {};
}

/**
 * Local AWS only: PutMetricData's input (same fields) for history — any namespace including `AWS/…`, timestamps up
 * to 455 days old, up to 20,000 data per call, and `Resolution: "hour"` to write hourly points. Returns how many
 * data were recorded.
 */
export function backfillMetricData(store: MetricStore, input: unknown, nowMs: number): { recorded: number } {
  return { recorded: record(store, input, nowMs, true) };
}
