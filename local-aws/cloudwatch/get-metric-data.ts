/** GetMetricData: batches of MetricStat queries plus metric-math expressions, with ScanBy and NextToken paging. */
import { createHash } from 'node:crypto';
import { invalidNextToken, invalidParameterCombination, invalidParameterValue, missingParameter } from './errors';
import { evaluate, parseExpression, referencedIds, type Value } from './expressions';
import {
  asObject, checkPeriod, decodeToken, dimensions, encodeToken, optArray, optBoolean, optInteger, optString, optUnit,
  reqString, reqTimestampMs,
} from './input';
import { alignStart, checkStat, statSeries, type MetricSpec, type TimeSeries } from './metric-query';
import type { MetricStore } from './metric-store';

export type Query = {
  id: string; label?: string; returnData: boolean; period?: number;
  metric?: MetricSpec; expression?: string;
};

const ID_RE = /^[a-z][a-zA-Z0-9_]*$/;

/** Parses MetricDataQueries (also used for metric-math alarms' `Metrics`). */
export function parseQueries(list: unknown[] | undefined, path: string): Query[] {
  if (!list || list.length === 0) throw missingParameter(path);
  if (list.length > 500) throw invalidParameterValue(`The collection ${path} must not have a size greater than 500.`);
  const ids = new Set<string>();
  return list.map((raw, i) => {
    const p = `${path}.member.${i + 1}`;
    const q = asObject(raw, p);
    const id = reqString(q, 'Id', `${p}.Id`);
    if (!ID_RE.test(id)) {
      throw invalidParameterValue(`The value ${id} for parameter ${p}.Id is invalid. ` +
        'The first character must be a lower-case letter; the rest may be letters, numbers or underscores.');
    }
    if (ids.has(id)) throw invalidParameterValue(`The value ${id} for parameter ${p}.Id is not unique.`);
    ids.add(id);
    const label = optString(q, 'Label', `${p}.Label`);
    const returnData = optBoolean(q, 'ReturnData', `${p}.ReturnData`) ?? true;
    const period = optInteger(q, 'Period', `${p}.Period`);
    if (period !== undefined) checkPeriod(period, `${p}.Period`);
    const expression = optString(q, 'Expression', `${p}.Expression`);
    const msRaw = q['MetricStat'];
    if ((expression === undefined) === (msRaw == null)) {
      throw invalidParameterCombination(`Exactly one of ${p}.MetricStat and ${p}.Expression must be specified.`);
    }
    const base = { id, returnData, ...(label !== undefined && { label }), ...(period !== undefined && { period }) };
    if (expression !== undefined) {
      if (expression.length > 2048) throw invalidParameterValue(`The parameter ${p}.Expression is too long.`);
      return { ...base, expression };
    }
    const ms = asObject(msRaw, `${p}.MetricStat`);
    const mp = `${p}.MetricStat`;
    const m = asObject(ms['Metric'], `${mp}.Metric`);
    if (ms['Metric'] == null) throw missingParameter(`${mp}.Metric`);
    const msPeriod = optInteger(ms, 'Period', `${mp}.Period`);
    if (msPeriod === undefined) throw missingParameter(`${mp}.Period`);
    checkPeriod(msPeriod, `${mp}.Period`);
    const stat = reqString(ms, 'Stat', `${mp}.Stat`);
    checkStat(stat, `${mp}.Stat`);
    const unit = optUnit(ms, 'Unit', `${mp}.Unit`);
    const metric: MetricSpec = {
      namespace: reqString(m, 'Namespace', `${mp}.Metric.Namespace`),
      name: reqString(m, 'MetricName', `${mp}.Metric.MetricName`),
      dimensions: dimensions(m, 'Dimensions', `${mp}.Metric.Dimensions`),
      period: msPeriod, stat, ...(unit !== undefined && { unit }),
    };
    return { ...base, metric };
  });
}

export type QueryResult = { id: string; label: string; series: TimeSeries };

/** Evaluates every query (expressions in dependency order) over [alignedStart, endSec). */
export function runQueries(store: MetricStore, queries: Query[], alignedStart: number, endSec: number): Map<string, QueryResult> {
  const byId = new Map(queries.map((q) => [q.id, q]));
  const done = new Map<string, QueryResult>();
  const inProgress = new Set<string>();
  const grid = (period: number) => {
    const out: number[] = [];
    for (let t = alignedStart; t < endSec; t += period) out.push(t);
    return out;
  };
  const run = (q: Query): QueryResult => {
    const cached = done.get(q.id);
    if (cached) return cached;
    if (inProgress.has(q.id)) throw invalidParameterValue(`Error in expression '${q.expression ?? ''}': Circular dependency on ${q.id}.`);
    inProgress.add(q.id);
    let result: QueryResult;
    if (q.metric) {
      result = { id: q.id, label: q.label ?? q.metric.name, series: statSeries(store, q.metric, alignedStart, endSec) };
    } else {
      const src = q.expression as string;
      const ast = parseExpression(src);
      for (const ref of referencedIds(ast)) {
        if (!byId.has(ref)) throw invalidParameterValue(`Error in expression '${src}': Unrecognized metric or expression id '${ref}'.`);
      }
      const value: Value = evaluate(src, ast, {
        resolve: (id) => run(byId.get(id) as Query).series,
        metrics: (filter) => queries.filter((x) => x.metric && (!filter || x.id.includes(filter))).map((x) => run(x).series),
        grid,
      });
      let series: TimeSeries;
      if (typeof value === 'number') {
        // A scalar result is reported at every period start of the window.
        const period = q.period ?? 60;
        series = { t: [], v: [], period };
        if (Number.isFinite(value)) for (const t of grid(period)) { series.t.push(t); series.v.push(value); }
      } else if (Array.isArray(value)) {
        if (value.length !== 1) {
          throw invalidParameterValue(`Error in expression '${src}': The expression must evaluate to a single time series.`);
        }
        series = value[0] as TimeSeries;
      } else {
        series = value;
      }
      result = { id: q.id, label: q.label ?? q.id, series };
    }
    inProgress.delete(q.id);
    done.set(q.id, result);
    return result;
  };
  for (const q of queries) run(q);
  return done;
}

type Cursor = { q: number; t: number | null; h: string };
const isCursor = (v: unknown): v is Cursor => {
  const c = v as Cursor;
  return typeof c === 'object' && c !== null && typeof c.q === 'number' && typeof c.h === 'string' &&
    (c.t === null || typeof c.t === 'number');
};

export function getMetricData(store: MetricStore, input: unknown, nowMs: number): unknown {
  const o = asObject(input);
  const queries = parseQueries(optArray(o, 'MetricDataQueries'), 'MetricDataQueries');
  const startMs = reqTimestampMs(o, 'StartTime');
  const endMs = reqTimestampMs(o, 'EndTime');
  if (startMs >= endMs) throw invalidParameterValue('The parameter StartTime must be less than the parameter EndTime.');
  const scanBy = optString(o, 'ScanBy') ?? 'TimestampDescending';
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
    throw invalidParameterValue(`The value ${scanBy} for parameter ScanBy is invalid. Valid values are TimestampDescending and TimestampAscending.`);
  }
  const maxPoints = optInteger(o, 'MaxDatapoints') ?? 100_800;
  if (maxPoints < 1) throw invalidParameterValue('The parameter MaxDatapoints must be greater than 0.');
  const alignedStart = alignStart(startMs / 1000, nowMs);
  const endSec = endMs / 1000;

  const hash = createHash('sha1')
    .update(JSON.stringify([o['MetricDataQueries'], startMs, endMs, scanBy])).digest('base64url').slice(0, 16);
  const token = optString(o, 'NextToken');
  let cursor: Cursor = { q: 0, t: null, h: hash };
  if (token !== undefined) {
    const c = decodeToken(token, isCursor);
    if (!c || c.h !== hash) throw invalidNextToken();
    cursor = c;
  }

  const results = runQueries(store, queries, alignedStart, endSec);
  const returned = queries.filter((q) => q.returnData).map((q) => results.get(q.id) as QueryResult);
  const desc = scanBy === 'TimestampDescending';
  let budget = maxPoints;
  let next: Cursor | undefined;
  const page: { Id: string; Label: string; Timestamps: number[]; Values: number[]; StatusCode: string; Messages: [] }[] = [];
  for (let qi = cursor.q; qi < returned.length; qi++) {
    const r = returned[qi] as QueryResult;
    const idx = r.series.t.map((_, i) => i);
    if (desc) idx.reverse();
    let startAt = 0;
    if (qi === cursor.q && cursor.t !== null) {
      const from = cursor.t;
      startAt = idx.findIndex((i) => (desc ? (r.series.t[i] as number) <= from : (r.series.t[i] as number) >= from));
      if (startAt < 0) startAt = idx.length;
    }
    const take = idx.slice(startAt, startAt + budget);
    budget -= take.length;
    const rest = idx.length - startAt - take.length;
    page.push({
      Id: r.id, Label: r.label,
      Timestamps: take.map((i) => r.series.t[i] as number),
      Values: take.map((i) => r.series.v[i] as number),
      StatusCode: rest > 0 ? 'PartialData' : 'Complete',
      Messages: [],
    });
    if (rest > 0) { next = { q: qi, t: r.series.t[idx[startAt + take.length] as number] as number, h: hash }; break; }
    if (budget === 0 && qi + 1 < returned.length) { next = { q: qi + 1, t: null, h: hash }; break; }
  }
  return { MetricDataResults: page, Messages: [], ...(next && { NextToken: encodeToken(next) }) };
}
