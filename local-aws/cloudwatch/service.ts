/**
 * Local CloudWatch: metrics (PutMetricData, GetMetricData, GetMetricStatistics, ListMetrics), metric alarms and
 * dashboards. `handle` takes one awsJson1_0 operation; `putMetric` is the cheap path the local data plane uses
 * to record AWS/ApiGateway metrics.
 */
import { AlarmRegistry, type AlarmsSnapshot } from './alarms';
import { DashboardRegistry, type Dashboard } from './dashboards';
import { invalidParameterValue, unknownOperation } from './errors';
import { getMetricData } from './get-metric-data';
import { getMetricStatistics } from './get-metric-statistics';
import { listMetrics } from './list-metrics';
import { MetricStore, type EncodedSeries } from './metric-store';
import { backfillMetricData, putMetricData } from './put-metric-data';

export { CloudWatchError } from './errors';

/** Every operation `handle` serves (fault rules are checked against it). */
export const CLOUDWATCH_OPERATIONS: readonly string[] = [
  'PutMetricData', 'GetMetricData', 'GetMetricStatistics', 'ListMetrics', 'PutMetricAlarm', 'DescribeAlarms',
  'DescribeAlarmsForMetric', 'DescribeAlarmHistory', 'DeleteAlarms', 'SetAlarmState', 'EnableAlarmActions',
  'DisableAlarmActions', 'PutDashboard', 'GetDashboard', 'ListDashboards', 'DeleteDashboards',
];

type Snapshot = { version: 1; metrics: EncodedSeries[]; alarms: AlarmsSnapshot; dashboards: Dashboard[] };

const COMPACT_EVERY_MS = 60_000;
const COMPACT_FROM_PUT_EVERY_MS = 6 * 3600_000;

export class CloudWatchService {
  private readonly now: () => number;
  private store: MetricStore;
  private alarms: AlarmRegistry;
  private dashboards: DashboardRegistry;
  private lastCompactMs = 0;

  /** `minuteRetentionS`: how long 1-minute data is kept before the hourly roll-up (default 15 days, as AWS). */
  constructor(opts?: { now?: () => number; minuteRetentionS?: number }) {
    this.now = opts?.now ?? Date.now;
    this.store = new MetricStore(opts?.minuteRetentionS);
    this.alarms = new AlarmRegistry(this.store, this.now);
    this.dashboards = new DashboardRegistry(this.now);
    this.lastCompactMs = this.now();
  }

  /** Handle one awsJson1_0 operation; input is the parsed JSON body. Throws CloudWatchError for client errors. */
  handle(operation: string, input: unknown): unknown {
    const nowMs = this.now();
    if (nowMs - this.lastCompactMs >= COMPACT_EVERY_MS) this.compact(nowMs);
    switch (operation) {
      case 'PutMetricData': return putMetricData(this.store, input, nowMs);
      case 'GetMetricData': return getMetricData(this.store, input, nowMs);
      case 'GetMetricStatistics': return getMetricStatistics(this.store, input, nowMs);
      case 'ListMetrics': return listMetrics(this.store, input, nowMs);
      case 'PutMetricAlarm': return this.alarms.put(input);
      case 'DescribeAlarms': return this.alarms.describe(input);
      case 'DescribeAlarmsForMetric': return this.alarms.describeForMetric(input);
      case 'DescribeAlarmHistory': return this.alarms.describeHistory(input);
      case 'DeleteAlarms': return this.alarms.delete(input);
      case 'SetAlarmState': return this.alarms.setAlarmState(input);
      case 'EnableAlarmActions': return this.alarms.setActionsEnabled(input, true);
      case 'DisableAlarmActions': return this.alarms.setActionsEnabled(input, false);
      case 'PutDashboard': return this.dashboards.put(input);
      case 'GetDashboard': return this.dashboards.get(input);
      case 'ListDashboards': return this.dashboards.list(input);
      case 'DeleteDashboards': return this.dashboards.delete(input);
      default: throw unknownOperation(operation);
    }
  }

  /** Local AWS only: records history (see backfillMetricData). Throws CloudWatchError for bad input. */
  backfill(input: unknown): { recorded: number } {
    return backfillMetricData(this.store, input, this.now());
  }

  /** Record one datapoint; called by the data plane on every request. Amortised O(1). */
  putMetric(namespace: string, metricName: string, dimensions: { Name: string; Value: string }[], value: number,
    unit: string, timestampMs?: number): void {
    if (!Number.isFinite(value)) return;
    const nowMs = this.now();
    if (nowMs - this.lastCompactMs >= COMPACT_FROM_PUT_EVERY_MS) this.compact(nowMs);
    this.store.addValue(namespace, metricName, dimensions, value, 1, unit || 'None', timestampMs ?? nowMs, nowMs);
  }

  private compact(nowMs: number): void {
    this.lastCompactMs = nowMs;
    this.store.compact(nowMs);
  }

  /** JSON-serialisable state for persistence. */
  snapshot(): unknown {
    this.compact(this.now());
    const snap: Snapshot = {
      version: 1, metrics: this.store.encode(), alarms: this.alarms.snapshot(), dashboards: this.dashboards.snapshot(),
    };
    return snap;
  }

  static restore(json: unknown, opts?: { now?: () => number; minuteRetentionS?: number }): CloudWatchService {
    const svc = new CloudWatchService(opts);
    if (json === undefined || json === null) return svc;
    const snap = json as Partial<Snapshot>;
    if (typeof snap !== 'object' || snap.version !== 1) throw invalidParameterValue('Unsupported CloudWatch snapshot.');
    svc.store = MetricStore.decode(snap.metrics ?? [], opts?.minuteRetentionS);
    svc.alarms = AlarmRegistry.restore(svc.store, svc.now, snap.alarms);
    svc.dashboards = DashboardRegistry.restore(svc.now, snap.dashboards);
    return svc;
  }
}
