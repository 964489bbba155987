import "server-only";
import {
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  type MetricAlarm,
} from "@aws-sdk/client-cloudwatch";
import { cloudWatchClient } from "@/lib/aws/clients";
import type { AlarmSpec, Dimension, ExistingAlarm } from "@/lib/alarms/recommended";

// The only module that reads and writes CloudWatch alarms. Returns Gatehouse's own types.

export type AlarmState = "OK" | "ALARM" | "INSUFFICIENT_DATA";

export interface AlarmView extends ExistingAlarm {
  arn: string | null;
  description: string | null;
  state: AlarmState;
  stateReason: string;
  stateUpdatedAt: Date | null;
  actionsEnabled: boolean;
  /** A metric-math alarm: the rule is an expression over several metrics (namespace and metric are of the first). */
  isMetricMath: boolean;
}

export interface AlarmHistoryEntry {
  alarmName: string;
  at: Date;
  type: string;
  summary: string;
}

/** DescribeAlarms pages of 100; an account has at most a few thousand alarms, so this bounds one read. */
const MAX_ALARM_PAGES = 30;

const toDims = (dims: { Name?: string; Value?: string }[] | undefined): Dimension[] =>
  (dims ?? []).flatMap((d) => (d.Name && d.Value !== undefined ? [{ name: d.Name, value: d.Value }] : []));

function toAlarmView(a: MetricAlarm): AlarmView | null {
  if (!a.AlarmName) return null;
  // A metric-math alarm names its metrics inside Metrics; the one that returns data (or the first metric) stands for it.
  const stats = (a.Metrics ?? []).flatMap((q) => (q.MetricStat?.Metric ? [q.MetricStat] : []));
  const first = stats[0];
  const isMetricMath = !a.MetricName && stats.length > 0;
  const state = a.StateValue === "OK" || a.StateValue === "ALARM" ? a.StateValue : "INSUFFICIENT_DATA";
  return {
    name: a.AlarmName,
    arn: a.AlarmArn ?? null,
    description: a.AlarmDescription ?? null,
    namespace: a.Namespace ?? first?.Metric?.Namespace ?? null,
    metricName: a.MetricName ?? first?.Metric?.MetricName ?? null,
    statistic: a.Statistic ?? a.ExtendedStatistic ?? first?.Stat ?? null,
    threshold: a.Threshold ?? null,
    comparison: a.ComparisonOperator ?? null,
    period: a.Period ?? first?.Period ?? null,
    evaluationPeriods: a.EvaluationPeriods ?? null,
    datapointsToAlarm: a.DatapointsToAlarm ?? null,
    dimensions: toDims(a.Dimensions?.length ? a.Dimensions : first?.Metric?.Dimensions),
    state,
    stateReason: a.StateReason ?? "",
    stateUpdatedAt: a.StateUpdatedTimestamp ?? null,
    actionsEnabled: a.ActionsEnabled ?? true,
    isMetricMath,
  };
}

/** Every metric alarm of the account whose metric matches `keep` (paged DescribeAlarms, newest SDK shapes). */
export async function listMetricAlarms(keep: (alarm: AlarmView) => boolean): Promise<AlarmView[]> {
  const out: AlarmView[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_ALARM_PAGES; page++) {
    const res = await cloudWatchClient().send(new DescribeAlarmsCommand({ AlarmTypes: ["MetricAlarm"], MaxRecords: 100, NextToken: nextToken }));
    for (const a of res.MetricAlarms ?? []) {
      const view = toAlarmView(a);
      if (view && keep(view)) out.push(view);
    }
    nextToken = res.NextToken;
    if (!nextToken) break;
  }
  return out;
}

/** The most recent history items of one alarm (state changes and configuration updates), newest first. */
export async function alarmHistory(alarmName: string, max = 5): Promise<AlarmHistoryEntry[]> {
  const res = await cloudWatchClient().send(
    new DescribeAlarmHistoryCommand({ AlarmName: alarmName, MaxRecords: max, ScanBy: "TimestampDescending" }),
  );
  return (res.AlarmHistoryItems ?? []).flatMap((h) =>
    h.Timestamp ? [{ alarmName: h.AlarmName ?? alarmName, at: h.Timestamp, type: h.HistoryItemType ?? "", summary: h.HistorySummary ?? "" }] : [],
  );
}

/** Creates (or, for the same name, replaces) one metric alarm. No actions: the admin wires notifications in AWS. */
export async function putMetricAlarm(spec: AlarmSpec): Promise<void> {
  await cloudWatchClient().send(
    new PutMetricAlarmCommand({
      AlarmName: spec.name,
      AlarmDescription: spec.description,
      Namespace: spec.namespace,
      MetricName: spec.metricName,
      Dimensions: spec.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
      Statistic: spec.statistic,
      Period: spec.period,
      EvaluationPeriods: spec.evaluationPeriods,
      Threshold: spec.threshold,
      ComparisonOperator: spec.comparison,
    }),
  );
}
