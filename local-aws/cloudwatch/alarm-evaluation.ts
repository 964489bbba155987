/**
 * Metric alarm evaluation ("M out of N"): the last N complete periods (ending at the start of the current minute,
 * so data of the minute in progress counts once that minute is over, as in AWS) are each
 * breaching, not breaching or missing; TreatMissingData decides what missing periods count as.
 *   - breaching / notBreaching: missing periods count as such.
 *   - missing: all N missing → INSUFFICIENT_DATA; otherwise only present periods count.
 *   - ignore: all N missing → state unchanged; otherwise like `missing`.
 * ALARM when at least DatapointsToAlarm periods breach, else OK.
 */
import { runQueries, type Query } from './get-metric-data';
import { statSeries, type MetricSpec, type TimeSeries } from './metric-query';
import type { MetricStore } from './metric-store';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export type AlarmRule = {
  metric?: MetricSpec;        // single-metric alarm
  queries?: Query[];          // metric-math alarm (exactly one ReturnData)
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparison: string;
  treatMissingData: string;
  statLabel: string;
};

export type Evaluation = { state: AlarmState | undefined; reason: string; reasonData: string };

const OP_TEXT: Record<string, string> = {
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  GreaterThanThreshold: 'greater than',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

export const COMPARISON_OPERATORS = Object.keys(OP_TEXT);

function breaches(op: string, v: number, threshold: number): boolean {
  switch (op) {
    case 'GreaterThanOrEqualToThreshold': return v >= threshold;
    case 'GreaterThanThreshold': return v > threshold;
    case 'LessThanThreshold': return v < threshold;
    default: return v <= threshold;
  }
}

const fmtNum = (v: number) => (Number.isInteger(v) ? v.toFixed(1) : String(v));
function fmtTime(sec: number): string {
  const d = new Date(sec * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCFullYear() % 100)} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function periodOf(rule: AlarmRule): number {
  if (rule.metric) return rule.metric.period;
  const ret = rule.queries?.find((q) => q.returnData);
  if (ret?.metric) return ret.metric.period;
  return ret?.period ?? Math.max(60, ...(rule.queries ?? []).map((q) => q.metric?.period ?? 60));
}

export function evaluateAlarm(store: MetricStore, rule: AlarmRule, nowMs: number): Evaluation {
  const period = periodOf(rule);
  const n = rule.evaluationPeriods;
  const windowEnd = Math.floor(nowMs / 60000) * 60;
  const windowStart = windowEnd - n * period;
  let series: TimeSeries;
  if (rule.metric) {
    series = statSeries(store, rule.metric, windowStart, windowEnd);
  } else {
    const queries = rule.queries ?? [];
    const ret = queries.find((q) => q.returnData) as Query;
    series = (runQueries(store, queries, windowStart, windowEnd).get(ret.id) as { series: TimeSeries }).series;
  }
  const byT = new Map<number, number>();
  series.t.forEach((t, i) => byT.set(t, series.v[i] as number));

  const points: { t: number; v: number | undefined; breach: boolean | undefined }[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const t = windowStart + i * period; // newest first, as AWS lists them
    const v = byT.get(t);
    let breach = v === undefined ? undefined : breaches(rule.comparison, v, rule.threshold);
    if (v === undefined && rule.treatMissingData === 'breaching') breach = true;
    if (v === undefined && rule.treatMissingData === 'notBreaching') breach = false;
    points.push({ t, v, breach });
  }
  const present = points.filter((p) => p.v !== undefined);
  const breaching = points.filter((p) => p.breach === true).length;
  const recent = present.map((p) => `${fmtNum(p.v as number)} (${fmtTime(p.t)})`).join(', ');
  const opText = OP_TEXT[rule.comparison] ?? rule.comparison;
  const reasonData = JSON.stringify({
    version: '1.0',
    queryDate: new Date(nowMs).toISOString(),
    startDate: new Date(windowStart * 1000).toISOString(),
    statistic: rule.statLabel,
    period,
    recentDatapoints: present.map((p) => p.v),
    threshold: rule.threshold,
    evaluatedDatapoints: present.map((p) => ({ timestamp: new Date(p.t * 1000).toISOString(), value: p.v })),
  });

  let state: AlarmState | undefined;
  let reason: string;
  if (breaching >= rule.datapointsToAlarm) {
    state = 'ALARM';
    reason = `Threshold Crossed: ${breaching} out of the last ${plural(n, 'datapoint')} [${recent}] ` +
      `${breaching === 1 ? 'was' : 'were'} ${opText} the threshold (${fmtNum(rule.threshold)}) ` +
      `(minimum ${plural(rule.datapointsToAlarm, 'datapoint')} for OK -> ALARM transition).`;
  } else if (points.every((p) => p.breach === undefined)) {
    state = rule.treatMissingData === 'ignore' ? undefined : 'INSUFFICIENT_DATA';
    reason = `Insufficient Data: ${plural(n, 'datapoint')} ${n === 1 ? 'was' : 'were'} unknown.`;
  } else {
    state = 'OK';
    const ok = points.filter((p) => p.breach === false).length;
    reason = `Threshold Crossed: ${plural(ok, 'datapoint')} [${recent}] ${ok === 1 ? 'was' : 'were'} not ` +
      `${opText} the threshold (${fmtNum(rule.threshold)}).`;
  }
  return { state, reason, reasonData };
}
