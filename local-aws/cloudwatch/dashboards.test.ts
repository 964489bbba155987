import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DeleteDashboardsCommand, GetDashboardCommand, GetMetricStatisticsCommand, ListDashboardsCommand, PutDashboardCommand,
  PutMetricAlarmCommand, PutMetricDataCommand, DescribeAlarmsCommand,
} from '@aws-sdk/client-cloudwatch';
import { CloudWatchService } from './service';
import { sdkError, startCloudWatch, type TestCloudWatch } from './test-server';

const NOW = Date.UTC(2025, 5, 10, 8, 30, 0);
let cw: TestCloudWatch;
beforeAll(async () => { cw = await startCloudWatch(NOW); });
afterAll(async () => { await cw.close(); });

const body = (widgets: unknown[]) => JSON.stringify({ widgets });
const metricWidget = (region?: string) => ({
  type: 'metric', x: 0, y: 0, width: 12, height: 6,
  properties: { metrics: [['AWS/ApiGateway', 'Count', 'ApiName', 'pets']], period: 300, stat: 'Sum', ...(region && { region }) },
});

describe('dashboards', () => {
  it('puts, gets, lists and deletes dashboards', async () => {
    const ok = await cw.client.send(new PutDashboardCommand({ DashboardName: 'api-overview', DashboardBody: body([metricWidget('us-east-1')]) }));
    expect(ok.DashboardValidationMessages).toEqual([]);
    const latency = await cw.client.send(new PutDashboardCommand({ DashboardName: 'api-latency', DashboardBody: body([metricWidget('eu-west-1')]) }));
    expect(latency.DashboardValidationMessages).toEqual([]);
    await cw.client.send(new PutDashboardCommand({ DashboardName: 'billing', DashboardBody: body([{ type: 'text', properties: { markdown: '# hi' } }]) }));

    const got = await cw.client.send(new GetDashboardCommand({ DashboardName: 'api-overview' }));
    expect(got).toMatchObject({
      DashboardName: 'api-overview', DashboardArn: 'arn:aws:cloudwatch::000000000000:dashboard/api-overview',
      DashboardBody: body([metricWidget('us-east-1')]),
    });

    const listed = await cw.client.send(new ListDashboardsCommand({ DashboardNamePrefix: 'api-' }));
    expect(listed.DashboardEntries!.map((d) => [d.DashboardName, d.Size, d.LastModified!.getTime()])).toEqual([
      ['api-latency', Buffer.byteLength(body([metricWidget('eu-west-1')])), NOW],
      ['api-overview', Buffer.byteLength(body([metricWidget('us-east-1')])), NOW],
    ]);

    const missingOne = await sdkError(cw.client.send(new DeleteDashboardsCommand({ DashboardNames: ['billing', 'nope'] })));
    expect(missingOne.Code).toBe('ResourceNotFound');
    await cw.client.send(new DeleteDashboardsCommand({ DashboardNames: ['billing', 'api-latency'] }));
    const all = await cw.client.send(new ListDashboardsCommand({}));
    expect(all.DashboardEntries!.map((d) => d.DashboardName)).toEqual(['api-overview']);

    const gone = await sdkError(cw.client.send(new GetDashboardCommand({ DashboardName: 'billing' })));
    // The query-compatible SDK maps the code to the first shape with awsQueryError "ResourceNotFound".
    expect(gone.name).toBe('ResourceNotFound');
    expect(gone.Code).toBe('ResourceNotFound');
    expect(gone.message).toBe('Dashboard billing does not exist');
    expect(gone.$metadata?.httpStatusCode).toBe(404);
  });

  it('rejects invalid bodies and names', async () => {
    const notJson = await sdkError(cw.client.send(new PutDashboardCommand({ DashboardName: 'x', DashboardBody: '{widgets:' })));
    expect(notJson.name).toBe('DashboardInvalidInputError');
    expect(notJson.Code).toBe('InvalidParameterInput');
    const noWidgets = await sdkError(cw.client.send(new PutDashboardCommand({ DashboardName: 'x', DashboardBody: '{"start":"-PT6H"}' })));
    expect(noWidgets.name).toBe('DashboardInvalidInputError');
    expect(noWidgets['dashboardValidationMessages']).toEqual([{ DataPath: '', Message: "Should have required property 'widgets'" }]);
    const badType = await sdkError(cw.client.send(new PutDashboardCommand({ DashboardName: 'x', DashboardBody: body([{ type: 'pie', properties: {} }]) })));
    expect(badType['dashboardValidationMessages']).toMatchObject([{ DataPath: '/widgets/0/type' }]);

    // A metric widget without a region: refused, as AWS does (it is not a warning), and nothing is saved.
    const noRegion = await sdkError(cw.client.send(new PutDashboardCommand({ DashboardName: 'x', DashboardBody: body([metricWidget()]) })));
    expect(noRegion.name).toBe('DashboardInvalidInputError');
    expect(noRegion.Code).toBe('InvalidParameterInput');
    expect(noRegion.$metadata?.httpStatusCode).toBe(400);
    expect(noRegion['dashboardValidationMessages']).toEqual([{ DataPath: '/widgets/0/properties', Message: "Should have required property 'region'" }]);
    expect(noRegion.message).toBe('The dashboard body is invalid, there are 1 validation errors:\n' +
      JSON.stringify([{ dataPath: '/widgets/0/properties', message: "Should have required property 'region'" }], null, 2));

    // Malformed widgets: every problem is reported, each with its path.
    const malformed = await sdkError(cw.client.send(new PutDashboardCommand({
      DashboardName: 'x',
      DashboardBody: body([
        { type: 'metric', width: 30, height: 0, x: -1, y: 1.5, properties: { region: 'us-east-1', metrics: ['AWS/ApiGateway', 'Count'] } },
        { type: 'metric', properties: { region: 'us-east-1' } },
        { type: 'metric', properties: { region: 'us-east-1', metrics: [['AWS/ApiGateway', 'Count', 42], [], ['AWS/ApiGateway', 'Latency', { stat: 'p99' }]] } },
        { type: 'text', properties: {} },
        { type: 'alarm', properties: { alarms: [] } },
        { type: 'metric' },
        'not a widget',
      ]),
    })));
    expect(malformed['dashboardValidationMessages']).toEqual([
      { DataPath: '/widgets/0/x', Message: 'Should be >= 0' },
      { DataPath: '/widgets/0/y', Message: 'Should be integer' },
      { DataPath: '/widgets/0/width', Message: 'Should be <= 24' },
      { DataPath: '/widgets/0/height', Message: 'Should be >= 1' },
      { DataPath: '/widgets/0/properties/metrics/0', Message: 'Should be array' },
      { DataPath: '/widgets/0/properties/metrics/0', Message: 'Field "metrics" has to be an array of array of strings, with an optional metricRenderer object as last element' },
      { DataPath: '/widgets/0/properties/metrics/1', Message: 'Should be array' },
      { DataPath: '/widgets/0/properties/metrics/1', Message: 'Field "metrics" has to be an array of array of strings, with an optional metricRenderer object as last element' },
      { DataPath: '/widgets/1/properties', Message: "Should have required property 'metrics'" },
      { DataPath: '/widgets/1/properties', Message: 'The metric widget should have specified a region and a data source or an alarm annotation' },
      { DataPath: '/widgets/1/properties', Message: "Should have required property 'annotations'" },
      { DataPath: '/widgets/2/properties/metrics/0', Message: 'Field "metrics" has to be an array of array of strings, with an optional metricRenderer object as last element' },
      { DataPath: '/widgets/2/properties/metrics/1', Message: 'Should NOT have less than 1 items' },
      { DataPath: '/widgets/3/properties', Message: "Should have required property 'markdown'" },
      { DataPath: '/widgets/4/properties/alarms', Message: 'Should NOT have less than 1 items' },
      { DataPath: '/widgets/5', Message: "Should have required property 'properties'" },
      { DataPath: '/widgets/6', Message: 'Should be object' },
    ]);
    expect(malformed.message).toMatch(/^The dashboard body is invalid, there are 17 validation errors:\n\[/);

    // The seed article's shorthand ("." repeats the previous entry's value) and rendering objects are valid.
    const seedLike = await cw.client.send(new PutDashboardCommand({
      DashboardName: 'seed-like',
      DashboardBody: body([{ type: 'metric', properties: { region: 'us-east-1', period: 300, stat: 'Average', metrics: [
        ['AWS/ApiGateway', 'Latency', 'ApiName', 'pets', 'Stage', 'prod', { stat: 'Average' }], ['.', '.', '.', '.', '.', '.', { stat: 'p99' }],
      ] } }]),
    }));
    expect(seedLike.DashboardValidationMessages).toEqual([]);
    await cw.client.send(new DeleteDashboardsCommand({ DashboardNames: ['seed-like'] }));
    const badName = await sdkError(cw.client.send(new PutDashboardCommand({ DashboardName: 'has space', DashboardBody: body([]) })));
    expect(badName.Code).toBe('InvalidParameterValue');
    const noBody = await sdkError(cw.client.send(new PutDashboardCommand({ DashboardName: 'x' } as never)));
    expect(noBody.Code).toBe('MissingParameter');
    expect((await cw.client.send(new ListDashboardsCommand({ DashboardNamePrefix: 'x' }))).DashboardEntries).toEqual([]);
  });
});

describe('snapshot / restore', () => {
  it('round-trips metrics (including percentiles), alarms and dashboards through JSON', async () => {
    await cw.client.send(new PutMetricDataCommand({
      Namespace: 'Snap/Test',
      MetricData: [{ MetricName: 'Latency', Timestamp: new Date(NOW - 60_000), Values: [1, 2, 3, 400], Counts: [10, 10, 10, 1], Unit: 'Milliseconds' }],
    }));
    await cw.client.send(new PutMetricAlarmCommand({
      AlarmName: 'snap-alarm', Namespace: 'Snap/Test', MetricName: 'Latency', Statistic: 'Maximum', Period: 60,
      EvaluationPeriods: 1, Threshold: 100, ComparisonOperator: 'GreaterThanThreshold',
    }));
    await cw.client.send(new DescribeAlarmsCommand({})); // evaluate → ALARM
    const json = JSON.parse(JSON.stringify(cw.service.snapshot())) as unknown;
    const restored = await startCloudWatch(NOW, CloudWatchService.restore(json, { now: () => NOW }));
    try {
      const range = { Namespace: 'Snap/Test', MetricName: 'Latency', StartTime: new Date(NOW - 120_000), EndTime: new Date(NOW), Period: 60 };
      for (const q of [
        new GetMetricStatisticsCommand({ ...range, Statistics: ['Sum', 'SampleCount', 'Maximum'] }),
        new GetMetricStatisticsCommand({ ...range, ExtendedStatistics: ['p50', 'p99'] }),
      ]) {
        const before = await cw.client.send(q);
        const after = await restored.client.send(q);
        expect(after.Datapoints).toEqual(before.Datapoints);
        expect(after.Datapoints).toHaveLength(1);
      }
      const sums = await restored.client.send(new GetMetricStatisticsCommand({ ...range, Statistics: ['Sum', 'SampleCount', 'Maximum'] }));
      expect(sums.Datapoints![0]).toMatchObject({ Sum: 460, SampleCount: 31, Maximum: 400 });
      const a = (await restored.client.send(new DescribeAlarmsCommand({ AlarmNames: ['snap-alarm'] }))).MetricAlarms![0]!;
      expect(a.StateValue).toBe('ALARM');
      const d = await restored.client.send(new GetDashboardCommand({ DashboardName: 'api-overview' }));
      expect(d.DashboardBody).toBe(body([metricWidget('us-east-1')]));
    } finally {
      await restored.close();
    }
  });
});
