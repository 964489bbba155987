/**
 * Metric alarms: PutMetricAlarm, DescribeAlarms, DescribeAlarmsForMetric, DescribeAlarmHistory, DeleteAlarms,
 * SetAlarmState, Enable/DisableAlarmActions. State is re-evaluated from stored data whenever alarms are read;
 * SetAlarmState holds until the next minute boundary (AWS re-evaluates about once a minute). Actions never run.
 */
import {
  invalidFormat, invalidNextToken, invalidParameterCombination, invalidParameterValue, missingParameter, resourceNotFound,
} from './errors';
import { COMPARISON_OPERATORS, evaluateAlarm, type AlarmRule, type AlarmState } from './alarm-evaluation';
import { parseQueries } from './get-metric-data';
import {
  asObject, checkPeriod, decodeToken, dimensions, encodeToken, optArray, optBoolean, optInteger, optNumber, optString,
  optStringList, optTimestampMs, optUnit, reqString, type Obj,
} from './input';
import { BASIC_STATS } from './metric-query';
import type { MetricStore } from './metric-store';
import { parsePercentile } from './percentiles';

export const ACCOUNT_ID = '000000000000';
export const REGION = 'us-east-1';
const STATES = new Set(['OK', 'ALARM', 'INSUFFICIENT_DATA']);
const MISSING_MODES = new Set(['breaching', 'notBreaching', 'ignore', 'missing']);
const HISTORY_LIMIT = 10_000;

export type Alarm = {
  /** Output-shaped configuration (MetricAlarm fields other than state). */
  config: Obj & { AlarmName: string };
  rule: AlarmRule;
  state: AlarmState;
  stateReason: string;
  stateReasonData?: string;
  stateUpdatedMs: number;
  stateTransitionedMs: number;
  configUpdatedMs: number;
  overrideUntilMs?: number;
};

export type HistoryItem = {
  AlarmName: string; AlarmType: 'MetricAlarm'; Timestamp: number; HistoryItemType: string; HistorySummary: string;
  HistoryData: string;
};

export type AlarmsSnapshot = { alarms: Alarm[]; history: HistoryItem[] };

function parseAlarm(input: unknown): { config: Alarm['config']; rule: AlarmRule } {
  const o = asObject(input);
  const AlarmName = reqString(o, 'AlarmName');
  if (AlarmName.length > 255) throw invalidParameterValue('The parameter AlarmName must be at most 255 characters long.');
  const EvaluationPeriods = optInteger(o, 'EvaluationPeriods');
  if (EvaluationPeriods === undefined) throw missingParameter('EvaluationPeriods');
  if (EvaluationPeriods < 1) throw invalidParameterValue('The parameter EvaluationPeriods must be greater than or equal to 1.');
  const ComparisonOperator = reqString(o, 'ComparisonOperator');
  if (!COMPARISON_OPERATORS.includes(ComparisonOperator)) {
    throw invalidParameterValue(`The value ${ComparisonOperator} for parameter ComparisonOperator is not supported. ` +
      `Supported values are ${COMPARISON_OPERATORS.join(', ')}.`);
  }
  if (o['ThresholdMetricId'] != null) {
    throw invalidParameterValue('Anomaly detection alarms (ThresholdMetricId) are not supported by local AWS.');
  }
  const Threshold = optNumber(o, 'Threshold');
  if (Threshold === undefined) throw missingParameter('Threshold');
  const DatapointsToAlarm = optInteger(o, 'DatapointsToAlarm') ?? EvaluationPeriods;
  if (DatapointsToAlarm < 1 || DatapointsToAlarm > EvaluationPeriods) {
    throw invalidParameterValue('DatapointsToAlarm must be between 1 and EvaluationPeriods.');
  }
  const TreatMissingData = optString(o, 'TreatMissingData') ?? 'missing';
  if (!MISSING_MODES.has(TreatMissingData)) {
    throw invalidParameterValue(`The value ${TreatMissingData} for parameter TreatMissingData is invalid. ` +
      'Valid values are breaching, notBreaching, ignore and missing.');
  }
  const MetricName = optString(o, 'MetricName');
  const metricsRaw = optArray(o, 'Metrics');
  const config: Alarm['config'] = {
    AlarmName,
    AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT_ID}:alarm:${AlarmName}`,
    AlarmDescription: optString(o, 'AlarmDescription'),
    ActionsEnabled: optBoolean(o, 'ActionsEnabled') ?? true,
    OKActions: optStringList(o, 'OKActions') ?? [],
    AlarmActions: optStringList(o, 'AlarmActions') ?? [],
    InsufficientDataActions: optStringList(o, 'InsufficientDataActions') ?? [],
    EvaluationPeriods, DatapointsToAlarm, Threshold, ComparisonOperator, TreatMissingData,
    EvaluateLowSampleCountPercentile: optString(o, 'EvaluateLowSampleCountPercentile'),
  };
  const base = {
    evaluationPeriods: EvaluationPeriods, datapointsToAlarm: DatapointsToAlarm, threshold: Threshold,
    comparison: ComparisonOperator, treatMissingData: TreatMissingData,
  };
  if (metricsRaw !== undefined) {
    if (MetricName !== undefined || o['Namespace'] != null || o['Statistic'] != null || o['ExtendedStatistic'] != null) {
      throw invalidParameterCombination('The parameters Metrics and MetricName, Namespace, Statistic or ExtendedStatistic are mutually exclusive.');
    }
    const queries = parseQueries(metricsRaw, 'Metrics');
    if (queries.filter((q) => q.returnData).length !== 1) {
      throw invalidParameterValue('Exactly one element of the metrics list should return data.');
    }
    const maxPeriod = Math.max(...queries.map((q) => q.metric?.period ?? q.period ?? 60));
    if (maxPeriod * EvaluationPeriods > 7 * 86400) {
      throw invalidParameterValue('The evaluation period (Period * EvaluationPeriods) must not exceed 7 days.');
    }
    config['Metrics'] = metricsRaw;
    return { config, rule: { ...base, queries, statLabel: 'Expression' } };
  }
  if (MetricName === undefined) throw missingParameter('MetricName');
  const Namespace = reqString(o, 'Namespace');
  const Statistic = optString(o, 'Statistic');
  const ExtendedStatistic = optString(o, 'ExtendedStatistic');
  if ((Statistic === undefined) === (ExtendedStatistic === undefined)) {
    throw invalidParameterCombination('Exactly one of the parameters Statistic and ExtendedStatistic must be specified.');
  }
  if (Statistic !== undefined && !BASIC_STATS.has(Statistic)) {
    throw invalidParameterValue(`The value ${Statistic} for parameter Statistic is invalid.`);
  }
  if (ExtendedStatistic !== undefined && parsePercentile(ExtendedStatistic) === undefined) {
    throw invalidParameterValue(`The value ${ExtendedStatistic} for parameter ExtendedStatistic is invalid.`);
  }
  const Period = optInteger(o, 'Period');
  if (Period === undefined) throw missingParameter('Period');
  checkPeriod(Period, 'Period');
  if (Period * EvaluationPeriods > 7 * 86400) {
    throw invalidParameterValue('The evaluation period (Period * EvaluationPeriods) must not exceed 7 days.');
  }
  const Dimensions = dimensions(o, 'Dimensions', 'Dimensions');
  const Unit = optUnit(o, 'Unit');
  const stat = (Statistic ?? ExtendedStatistic) as string;
  Object.assign(config, { MetricName, Namespace, Statistic, ExtendedStatistic, Dimensions, Period, Unit });
  return {
    config,
    rule: {
      ...base, statLabel: stat,
      metric: { namespace: Namespace, name: MetricName, dimensions: Dimensions, period: Period, stat, ...(Unit && { unit: Unit }) },
    },
  };
}

export class AlarmRegistry {
  readonly alarms = new Map<string, Alarm>();
  history: HistoryItem[] = [];

  constructor(private readonly store: MetricStore, private readonly now: () => number) {}

  private record(item: Omit<HistoryItem, 'AlarmType'>): void {
    this.history.push({ ...item, AlarmType: 'MetricAlarm' });
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
  }

  private setState(a: Alarm, state: AlarmState, reason: string, reasonData: string | undefined, nowMs: number): void {
    const old = a.state;
    a.state = state;
    a.stateReason = reason;
    a.stateReasonData = reasonData;
    a.stateUpdatedMs = nowMs;
    a.stateTransitionedMs = nowMs;
    this.record({
      AlarmName: a.config.AlarmName, Timestamp: nowMs / 1000, HistoryItemType: 'StateUpdate',
      HistorySummary: `Alarm updated from ${old} to ${state}`,
      HistoryData: JSON.stringify({ version: '1.0', oldState: { stateValue: old }, newState: { stateValue: state, stateReason: reason } }),
    });
  }

  /** Re-evaluates one alarm; state and its timestamps change only on a transition. */
  private refresh(a: Alarm, nowMs: number): void {
    if (a.overrideUntilMs !== undefined && nowMs < a.overrideUntilMs) return;
    a.overrideUntilMs = undefined;
    const ev = evaluateAlarm(this.store, a.rule, nowMs);
    if (ev.state !== undefined && ev.state !== a.state) this.setState(a, ev.state, ev.reason, ev.reasonData, nowMs);
  }

  private view(a: Alarm): Obj {
    const out: Obj = {};
    for (const [k, v] of Object.entries(a.config)) if (v !== undefined) out[k] = v;
    Object.assign(out, {
      AlarmConfigurationUpdatedTimestamp: a.configUpdatedMs / 1000,
      StateValue: a.state,
      StateReason: a.stateReason,
      StateUpdatedTimestamp: a.stateUpdatedMs / 1000,
      StateTransitionedTimestamp: a.stateTransitionedMs / 1000,
    });
    if (a.stateReasonData !== undefined) out['StateReasonData'] = a.stateReasonData;
    return out;
  }

  put(input: unknown): Record<string, never> {
    const { config, rule } = parseAlarm(input);
    const nowMs = this.now();
    const existing = this.alarms.get(config.AlarmName);
    if (existing) {
      existing.config = config;
      existing.rule = rule;
      existing.configUpdatedMs = nowMs;
    } else {
      if (this.alarms.size >= 5000) throw invalidParameterValue('The maximum number of alarms (5000) has been reached.');
      this.alarms.set(config.AlarmName, {
        config, rule, state: 'INSUFFICIENT_DATA', stateReason: 'Unchecked: Initial alarm creation',
        stateUpdatedMs: nowMs, stateTransitionedMs: nowMs, configUpdatedMs: nowMs,
      });
    }
    this.record({
      AlarmName: config.AlarmName, Timestamp: nowMs / 1000, HistoryItemType: 'ConfigurationUpdate',
      HistorySummary: `Alarm "${config.AlarmName}" ${existing ? 'updated' : 'created'}`, HistoryData: '{}',
    });
    return {};
  }

  describe(input: unknown): unknown {
    const o = asObject(input);
    const names = optStringList(o, 'AlarmNames');
    const prefix = optString(o, 'AlarmNamePrefix');
    const stateValue = optString(o, 'StateValue');
    const types = optStringList(o, 'AlarmTypes');
    const maxRecords = optInteger(o, 'MaxRecords') ?? 50;
    if (names !== undefined && prefix !== undefined) {
      throw invalidParameterCombination('The parameters AlarmNames and AlarmNamePrefix are mutually exclusive.');
    }
    if (names && names.length > 100) throw invalidParameterValue('The collection AlarmNames must not have a size greater than 100.');
    if (stateValue !== undefined && !STATES.has(stateValue)) {
      throw invalidParameterValue(`The value ${stateValue} for parameter StateValue is invalid. Valid values are OK, ALARM and INSUFFICIENT_DATA.`);
    }
    if (maxRecords < 1 || maxRecords > 100) throw invalidParameterValue('The parameter MaxRecords must be between 1 and 100.');
    const token = optString(o, 'NextToken');
    let after: string | undefined;
    if (token !== undefined) {
      const t = decodeToken(token, (v): v is { a: string } => typeof (v as { a?: unknown })?.a === 'string');
      if (!t) throw invalidNextToken();
      after = t.a;
    }
    const nowMs = this.now();
    const nameSet = names && new Set(names);
    const wantMetric = types === undefined || types.includes('MetricAlarm');
    const matching = [...this.alarms.values()]
      .filter((a) => wantMetric && (!nameSet || nameSet.has(a.config.AlarmName)) &&
        (prefix === undefined || a.config.AlarmName.startsWith(prefix)))
      .sort((x, y) => (x.config.AlarmName < y.config.AlarmName ? -1 : 1));
    for (const a of matching) this.refresh(a, nowMs);
    const filtered = matching.filter((a) => (stateValue === undefined || a.state === stateValue) &&
      (after === undefined || a.config.AlarmName > after));
    const page = filtered.slice(0, maxRecords);
    const more = filtered.length > maxRecords;
    return {
      MetricAlarms: page.map((a) => this.view(a)),
      CompositeAlarms: [],
      ...(more && { NextToken: encodeToken({ a: (page[page.length - 1] as Alarm).config.AlarmName }) }),
    };
  }

  describeForMetric(input: unknown): unknown {
    const o = asObject(input);
    const MetricName = reqString(o, 'MetricName');
    const Namespace = reqString(o, 'Namespace');
    const stat = optString(o, 'Statistic');
    const ext = optString(o, 'ExtendedStatistic');
    const dims = o['Dimensions'] == null ? undefined : dimensions(o, 'Dimensions', 'Dimensions');
    const period = optInteger(o, 'Period');
    const unit = optUnit(o, 'Unit');
    const key = (d: { Name: string; Value: string }[]) => JSON.stringify([...d].sort((a, b) => (a.Name < b.Name ? -1 : 1)));
    const nowMs = this.now();
    const out = [...this.alarms.values()].filter((a) => {
      const c = a.config;
      return c['MetricName'] === MetricName && c['Namespace'] === Namespace &&
        (stat === undefined || c['Statistic'] === stat) && (ext === undefined || c['ExtendedStatistic'] === ext) &&
        (period === undefined || c['Period'] === period) && (unit === undefined || c['Unit'] === unit) &&
        (dims === undefined || key(dims) === key(c['Dimensions'] as { Name: string; Value: string }[]));
    });
    for (const a of out) this.refresh(a, nowMs);
    return { MetricAlarms: out.map((a) => this.view(a)) };
  }

  delete(input: unknown): Record<string, never> {
    const o = asObject(input);
    const names = optStringList(o, 'AlarmNames');
    if (!names || names.length === 0) throw missingParameter('AlarmNames');
    if (names.length > 100) throw invalidParameterValue('The collection AlarmNames must not have a size greater than 100.');
    const missing = names.find((n) => !this.alarms.has(n));
    if (missing !== undefined) throw resourceNotFound(`Alarm ${missing} not found`);
    for (const n of names) this.alarms.delete(n);
    return {};
  }

  setAlarmState(input: unknown): Record<string, never> {
    const o = asObject(input);
    const name = reqString(o, 'AlarmName');
    const state = reqString(o, 'StateValue');
    const reason = reqString(o, 'StateReason');
    const data = optString(o, 'StateReasonData');
    if (!STATES.has(state)) {
      throw invalidParameterValue(`The value ${state} for parameter StateValue is invalid. Valid values are OK, ALARM and INSUFFICIENT_DATA.`);
    }
    if (data !== undefined) {
      try { JSON.parse(data); } catch { throw invalidFormat('The parameter StateReasonData must be valid JSON.'); }
    }
    const a = this.alarms.get(name);
    if (!a) throw resourceNotFound(`Alarm ${name} not found`);
    const nowMs = this.now();
    if (a.state !== state) {
      this.setState(a, state as AlarmState, reason, data, nowMs);
    } else {
      a.stateReason = reason;
      a.stateReasonData = data;
    }
    a.overrideUntilMs = Math.floor(nowMs / 60000) * 60000 + 60000;
    return {};
  }

  setActionsEnabled(input: unknown, enabled: boolean): Record<string, never> {
    const names = optStringList(asObject(input), 'AlarmNames');
    if (!names) throw missingParameter('AlarmNames');
    for (const n of names) {
      const a = this.alarms.get(n);
      if (a) a.config['ActionsEnabled'] = enabled;
    }
    return {};
  }

  describeHistory(input: unknown): unknown {
    const o = asObject(input);
    const name = optString(o, 'AlarmName');
    const type = optString(o, 'HistoryItemType');
    const startMs = optTimestampMs(o, 'StartDate');
    const endMs = optTimestampMs(o, 'EndDate');
    const max = optInteger(o, 'MaxRecords') ?? 100;
    if (max < 1 || max > 100) throw invalidParameterValue('The parameter MaxRecords must be between 1 and 100.');
    const ascending = optString(o, 'ScanBy') === 'TimestampAscending';
    const token = optString(o, 'NextToken');
    let offset = 0;
    if (token !== undefined) {
      const t = decodeToken(token, (v): v is { o: number } => typeof (v as { o?: unknown })?.o === 'number');
      if (!t) throw invalidNextToken();
      offset = t.o;
    }
    const items = this.history.filter((h) => (name === undefined || h.AlarmName === name) &&
      (type === undefined || h.HistoryItemType === type) &&
      (startMs === undefined || h.Timestamp * 1000 >= startMs) && (endMs === undefined || h.Timestamp * 1000 <= endMs));
    if (!ascending) items.reverse();
    const page = items.slice(offset, offset + max);
    return {
      AlarmHistoryItems: page,
      ...(offset + max < items.length && { NextToken: encodeToken({ o: offset + max }) }),
    };
  }

  snapshot(): AlarmsSnapshot {
    return { alarms: [...this.alarms.values()], history: this.history };
  }

  static restore(store: MetricStore, now: () => number, snap: AlarmsSnapshot | undefined): AlarmRegistry {
    const r = new AlarmRegistry(store, now);
    for (const a of snap?.alarms ?? []) r.alarms.set(a.config.AlarmName, a);
    r.history = snap?.history ?? [];
    return r;
  }
}
