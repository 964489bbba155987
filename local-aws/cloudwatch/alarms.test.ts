import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DeleteAlarmsCommand, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, DescribeAlarmsForMetricCommand,
  PutMetricAlarmCommand, PutMetricDataCommand, SetAlarmStateCommand, type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { sdkError, startCloudWatch, type TestCloudWatch } from './test-server';

const START = Date.UTC(2025, 2, 1, 9, 0, 10); // 09:00:10Z
const MINUTE = 60_000;
const dims = [{ Name: 'ApiName', Value: 'pets' }, { Name: 'Stage', Value: 'prod' }];

let cw: TestCloudWatch;
beforeEach(async () => { cw = await startCloudWatch(START); });
afterEach(async () => { await cw.close(); });

const put = (value: number, atMs: number, name = '5XXError') => cw.client.send(new PutMetricDataCommand({
  Namespace: 'Gatehouse/Test', MetricData: [{ MetricName: name, Dimensions: dims, Timestamp: new Date(atMs), Value: value, Unit: 'Count' }],
}));
const alarm = async (name: string): Promise<MetricAlarm> => {
  const res = await cw.client.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
  expect(res.MetricAlarms).toHaveLength(1);
  return res.MetricAlarms![0]!;
};
const errorsAlarm = (name: string, extra: Record<string, unknown> = {}) => new PutMetricAlarmCommand({
  AlarmName: name, Namespace: 'Gatehouse/Test', MetricName: '5XXError', Dimensions: dims, Statistic: 'Sum',
  Period: 60, EvaluationPeriods: 2, DatapointsToAlarm: 2, Threshold: 5, ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  ...extra,
});

describe('metric alarms', () => {
  it('moves INSUFFICIENT_DATA → ALARM → OK as data arrives, timestamps changing only on transitions', async () => {
    await cw.client.send(errorsAlarm('errors-high', { AlarmDescription: 'too many 5xx', AlarmActions: ['arn:aws:sns:us-east-1:000000000000:ops'] }));
    let a = await alarm('errors-high');
    expect(a).toMatchObject({
      AlarmName: 'errors-high', AlarmArn: 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:errors-high',
      AlarmDescription: 'too many 5xx', StateValue: 'INSUFFICIENT_DATA', StateReason: 'Unchecked: Initial alarm creation',
      MetricName: '5XXError', Namespace: 'Gatehouse/Test', Statistic: 'Sum', Period: 60, EvaluationPeriods: 2,
      DatapointsToAlarm: 2, Threshold: 5, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'missing',
      AlarmActions: ['arn:aws:sns:us-east-1:000000000000:ops'], ActionsEnabled: true,
    });
    expect(a.StateUpdatedTimestamp!.getTime()).toBe(START);

    // Alarms evaluate complete periods: data of the minute in progress is not seen yet.
    await put(3, START);
    await put(4, START + 1000); // minute 09:00 sum = 7
    cw.clock.ms = START + 20_000;
    expect((await alarm('errors-high')).StateValue).toBe('INSUFFICIENT_DATA');

    // One breaching minute is not enough for 2 out of 2: with the other period missing the alarm is OK.
    cw.clock.ms = START + MINUTE;
    a = await alarm('errors-high');
    expect(a.StateValue).toBe('OK');
    expect(a.StateTransitionedTimestamp!.getTime()).toBe(START + MINUTE);

    // Second breaching minute → ALARM once it is complete.
    await put(6, START + MINUTE);
    cw.clock.ms = START + 2 * MINUTE;
    a = await alarm('errors-high');
    expect(a.StateValue).toBe('ALARM');
    expect(a.StateReason).toContain('Threshold Crossed: 2 out of the last 2 datapoints');
    expect(a.StateReason).toContain('greater than or equal to the threshold (5.0)');
    expect(JSON.parse(a.StateReasonData!)).toMatchObject({ recentDatapoints: [6, 7], threshold: 5, period: 60, statistic: 'Sum' });
    const transitioned = a.StateTransitionedTimestamp!.getTime();
    expect(transitioned).toBe(START + 2 * MINUTE);

    // Still breaching later in the same minute: no transition, timestamps and reason untouched.
    await put(1, START + 2 * MINUTE);
    cw.clock.ms = START + 2 * MINUTE + 40_000;
    const again = await alarm('errors-high');
    expect(again.StateValue).toBe('ALARM');
    expect(again.StateTransitionedTimestamp!.getTime()).toBe(transitioned);
    expect(again.StateUpdatedTimestamp!.getTime()).toBe(transitioned);
    expect(again.StateReason).toBe(a.StateReason);

    // The quiet minute (sum 1) completes → back to OK.
    cw.clock.ms = START + 3 * MINUTE;
    a = await alarm('errors-high');
    expect(a.StateValue).toBe('OK');
    expect(a.StateTransitionedTimestamp!.getTime()).toBe(START + 3 * MINUTE);
    expect(a.StateReason).toContain('was not greater than or equal to the threshold');

    // No data at all for a while → INSUFFICIENT_DATA (TreatMissingData=missing).
    cw.clock.ms = START + 10 * MINUTE;
    expect((await alarm('errors-high')).StateValue).toBe('INSUFFICIENT_DATA');

    const history = await cw.client.send(new DescribeAlarmHistoryCommand({ AlarmName: 'errors-high', HistoryItemType: 'StateUpdate' }));
    expect(history.AlarmHistoryItems!.map((h) => h.HistorySummary)).toEqual([
      'Alarm updated from OK to INSUFFICIENT_DATA',
      'Alarm updated from ALARM to OK',
      'Alarm updated from OK to ALARM',
      'Alarm updated from INSUFFICIENT_DATA to OK',
    ]);
  });

  it('honours TreatMissingData, percentiles and LessThan operators', async () => {
    await cw.client.send(errorsAlarm('missing-breaches', { TreatMissingData: 'breaching', EvaluationPeriods: 1, DatapointsToAlarm: 1 }));
    await cw.client.send(errorsAlarm('missing-ok', { TreatMissingData: 'notBreaching' }));
    await cw.client.send(errorsAlarm('missing-ignored', { TreatMissingData: 'ignore' }));
    await cw.client.send(new PutMetricAlarmCommand({
      AlarmName: 'latency-p90', Namespace: 'Gatehouse/Test', MetricName: 'Latency', Dimensions: dims, ExtendedStatistic: 'p90',
      Period: 60, EvaluationPeriods: 1, Threshold: 905, ComparisonOperator: 'GreaterThanThreshold',
    }));
    await cw.client.send(new PutMetricAlarmCommand({
      AlarmName: 'traffic-low', Namespace: 'Gatehouse/Test', MetricName: 'Count', Dimensions: dims, Statistic: 'SampleCount',
      Period: 120, EvaluationPeriods: 1, Threshold: 3, ComparisonOperator: 'LessThanThreshold',
    }));
    const states = async () => Object.fromEntries(
      ((await cw.client.send(new DescribeAlarmsCommand({}))).MetricAlarms ?? []).map((a) => [a.AlarmName, a.StateValue]));
    expect(await states()).toEqual({
      'latency-p90': 'INSUFFICIENT_DATA', 'missing-breaches': 'ALARM', 'missing-ignored': 'INSUFFICIENT_DATA',
      'missing-ok': 'OK', 'traffic-low': 'INSUFFICIENT_DATA',
    });

    await cw.client.send(new PutMetricDataCommand({
      Namespace: 'Gatehouse/Test',
      MetricData: [
        // 100 latency samples 10,20,…,1000 → p90 = 900 (±0.5 % from the histogram), not > 905
        { MetricName: 'Latency', Dimensions: dims, Timestamp: new Date(START - MINUTE), Values: Array.from({ length: 100 }, (_, i) => (i + 1) * 10) },
        { MetricName: 'Count', Dimensions: dims, Timestamp: new Date(START - MINUTE), Values: [1], Counts: [2] },
      ],
    }));
    expect(await states()).toMatchObject({ 'latency-p90': 'OK', 'traffic-low': 'ALARM' });
    await cw.client.send(new PutMetricDataCommand({
      Namespace: 'Gatehouse/Test',
      MetricData: [
        { MetricName: 'Latency', Dimensions: dims, Timestamp: new Date(START - MINUTE), Values: [5000], Counts: [20] },
        { MetricName: 'Count', Dimensions: dims, Timestamp: new Date(START - 2 * MINUTE), Value: 1 },
      ],
    }));
    expect(await states()).toMatchObject({ 'latency-p90': 'ALARM', 'traffic-low': 'OK' });

    // 'ignore' keeps the current state when everything is missing.
    await put(50, START - MINUTE);
    await put(50, START - 2 * MINUTE);
    expect((await states())['missing-ignored']).toBe('ALARM');
    cw.clock.ms = START + 30 * MINUTE;
    expect((await states())['missing-ignored']).toBe('ALARM');
  });

  it('filters, pages, overrides with SetAlarmState and deletes', async () => {
    for (const n of ['api-a', 'api-b', 'api-c', 'other']) await cw.client.send(errorsAlarm(n));
    const p1 = await cw.client.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'api-', MaxRecords: 2 }));
    expect(p1.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['api-a', 'api-b']);
    expect(p1.NextToken).toBeDefined();
    const p2 = await cw.client.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'api-', MaxRecords: 2, NextToken: p1.NextToken }));
    expect(p2.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['api-c']);
    expect(p2.NextToken).toBeUndefined();

    await cw.client.send(new SetAlarmStateCommand({ AlarmName: 'api-b', StateValue: 'ALARM', StateReason: 'testing', StateReasonData: '{"x":1}' }));
    const inAlarm = await cw.client.send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }));
    expect(inAlarm.MetricAlarms!.map((a) => [a.AlarmName, a.StateReason, a.StateReasonData])).toEqual([['api-b', 'testing', '{"x":1}']]);
    // At the next evaluation (next minute) the alarm returns to its actual state.
    cw.clock.ms = START + MINUTE;
    expect((await alarm('api-b')).StateValue).toBe('INSUFFICIENT_DATA');

    const forMetric = await cw.client.send(new DescribeAlarmsForMetricCommand({
      Namespace: 'Gatehouse/Test', MetricName: '5XXError', Dimensions: [...dims].reverse(),
    }));
    expect(forMetric.MetricAlarms).toHaveLength(4);

    const notFound = await sdkError(cw.client.send(new DeleteAlarmsCommand({ AlarmNames: ['api-a', 'nope'] })));
    expect(notFound.Code).toBe('ResourceNotFound');
    expect((await cw.client.send(new DescribeAlarmsCommand({}))).MetricAlarms).toHaveLength(4);
    await cw.client.send(new DeleteAlarmsCommand({ AlarmNames: ['api-a', 'other'] }));
    const left = await cw.client.send(new DescribeAlarmsCommand({}));
    expect(left.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['api-b', 'api-c']);

    const unknown = await sdkError(cw.client.send(new SetAlarmStateCommand({ AlarmName: 'ghost', StateValue: 'OK', StateReason: 'x' })));
    expect(unknown.Code).toBe('ResourceNotFound');
  });

  it('supports metric-math alarms and validates input', async () => {
    await cw.client.send(new PutMetricAlarmCommand({
      AlarmName: 'error-rate', EvaluationPeriods: 1, Threshold: 10, ComparisonOperator: 'GreaterThanThreshold',
      Metrics: [
        { Id: 'errors', MetricStat: { Metric: { Namespace: 'Gatehouse/Test', MetricName: '5XXError', Dimensions: dims }, Period: 60, Stat: 'Sum' }, ReturnData: false },
        { Id: 'total', MetricStat: { Metric: { Namespace: 'Gatehouse/Test', MetricName: 'Count', Dimensions: dims }, Period: 60, Stat: 'Sum' }, ReturnData: false },
        { Id: 'rate', Expression: '100*errors/total', Label: 'error %', ReturnData: true },
      ],
    }));
    await put(100, START - MINUTE, 'Count');
    await put(5, START - MINUTE);
    expect((await alarm('error-rate')).StateValue).toBe('OK');
    await put(10, START - MINUTE);
    expect((await alarm('error-rate')).StateValue).toBe('ALARM');

    const noStat = await sdkError(cw.client.send(errorsAlarm('bad', { Statistic: undefined })));
    expect(noStat.Code).toBe('InvalidParameterCombination');
    const badPeriod = await sdkError(cw.client.send(errorsAlarm('bad', { Period: 45 })));
    expect(badPeriod.Code).toBe('InvalidParameterValue');
    const noThreshold = await sdkError(cw.client.send(errorsAlarm('bad', { Threshold: undefined })));
    expect(noThreshold.Code).toBe('MissingParameter');
    const badM = await sdkError(cw.client.send(errorsAlarm('bad', { DatapointsToAlarm: 3 })));
    expect(badM.Code).toBe('InvalidParameterValue');
  });
});
