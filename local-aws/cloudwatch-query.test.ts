// CloudWatch's query protocol (form-encoded requests, XML answers) through the whole local AWS server, spoken by the
// AWS SDK's own awsQuery implementation (AwsQueryProtocol from @aws-sdk/core, the protocol CloudWatch clients used
// before 3.949 and the one the AWS CLI v1 and older SDKs speak) and by hand with fetch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CloudWatchClient, DeleteAlarmsCommand, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, GetDashboardCommand,
  GetMetricDataCommand, GetMetricStatisticsCommand, ListDashboardsCommand, ListMetricsCommand, PutDashboardCommand, PutMetricAlarmCommand,
  PutMetricDataCommand, errorTypeRegistries, type CloudWatchClientConfig,
} from '@aws-sdk/client-cloudwatch';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import { startLocalAws, type LocalAws } from './server';
import { sdkError } from './cloudwatch/test-server';

const NOW = Date.UTC(2026, 1, 10, 12, 0, 30);
const T0 = Date.UTC(2026, 1, 10, 11, 50, 0);
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const dims = [{ Name: 'ApiName', Value: 'pets & co <api>' }, { Name: 'Stage', Value: 'prod' }];

let aws: LocalAws;
let query: CloudWatchClient;
let json: CloudWatchClient;
const sent: { contentType: string; encoding?: string; body: string }[] = [];

beforeAll(async () => {
  aws = await startLocalAws({ port: 0, seed: false, rateLimits: false, now: () => NOW });
  query = new CloudWatchClient({
    region: 'us-east-1', endpoint: aws.url, credentials, maxAttempts: 1,
    protocol: AwsQueryProtocol,
    protocolSettings: {
      defaultNamespace: 'com.amazonaws.cloudwatch', errorTypeRegistries,
      xmlNamespace: 'http://monitoring.amazonaws.com/doc/2010-08-01/', version: '2010-08-01',
    },
  } as CloudWatchClientConfig);
  query.middlewareStack.add((next) => async (args) => {
    const request = args.request as { headers: Record<string, string>; body: unknown };
    sent.push({ contentType: request.headers['content-type'] ?? '', encoding: request.headers['content-encoding'], body: String(request.body) });
    return next(args);
  }, { step: 'finalizeRequest', name: 'recordQueryRequests' });
  json = new CloudWatchClient({ region: 'us-east-1', endpoint: aws.url, credentials, maxAttempts: 1 });
});

afterAll(async () => {
  query.destroy();
  json.destroy();
  await aws.close();
});

describe('CloudWatch query protocol', () => {
  it('is what the query client sends: form-encoded Action and Version', async () => {
    await query.send(new ListDashboardsCommand({}));
    const last = sent[sent.length - 1]!;
    expect(last.contentType).toBe('application/x-www-form-urlencoded');
    expect(last.body).toMatch(/^Action=ListDashboards&Version=2010-08-01/);
  });

  it('records and reads metrics: statistics, percentiles (a map) and GetMetricData series', async () => {
    await query.send(new PutMetricDataCommand({
      Namespace: 'Query/Test',
      MetricData: [
        { MetricName: 'Latency', Dimensions: dims, Timestamp: new Date(T0), Values: [10, 20, 30], Counts: [1, 1, 2], Unit: 'Milliseconds' },
        { MetricName: 'Latency', Dimensions: dims, Timestamp: new Date(T0 + 60_000), Value: 5, Unit: 'Milliseconds' },
      ],
    }));
    const range = { Namespace: 'Query/Test', MetricName: 'Latency', Dimensions: dims, StartTime: new Date(T0), EndTime: new Date(T0 + 120_000), Period: 60 };
    const stats = await query.send(new GetMetricStatisticsCommand({ ...range, Statistics: ['Sum', 'SampleCount', 'Maximum'] }));
    expect(stats.Label).toBe('Latency');
    const dps = [...stats.Datapoints!].sort((a, b) => a.Timestamp!.getTime() - b.Timestamp!.getTime());
    expect(dps.map((d) => [d.Timestamp!.getTime(), d.Sum, d.SampleCount, d.Maximum, d.Unit])).toEqual([
      [T0, 90, 4, 30, 'Milliseconds'],
      [T0 + 60_000, 5, 1, 5, 'Milliseconds'],
    ]);
    const pct = await query.send(new GetMetricStatisticsCommand({ ...range, ExtendedStatistics: ['p50', 'p99'] }));
    const first = pct.Datapoints!.find((d) => d.Timestamp!.getTime() === T0)!;
    expect(first.ExtendedStatistics).toEqual({ p50: 20, p99: 30 });

    // The same data through the JSON protocol: one service behind both.
    const viaJson = await json.send(new GetMetricStatisticsCommand({ ...range, Statistics: ['Sum', 'SampleCount', 'Maximum'] }));
    expect(viaJson.Datapoints!.map((d) => d.Sum).sort()).toEqual(dps.map((d) => d.Sum).sort());

    const data = await query.send(new GetMetricDataCommand({
      StartTime: new Date(T0), EndTime: new Date(T0 + 120_000), ScanBy: 'TimestampAscending',
      MetricDataQueries: [
        { Id: 'sum', MetricStat: { Metric: { Namespace: 'Query/Test', MetricName: 'Latency', Dimensions: dims }, Period: 60, Stat: 'Sum' } },
        { Id: 'doubled', Expression: 'sum * 2', Label: 'Doubled' },
      ],
    }));
    expect(data.MetricDataResults!.map((r) => [r.Id, r.Label, r.StatusCode, r.Timestamps!.map((t) => t.getTime()), r.Values])).toEqual([
      ['sum', 'Latency', 'Complete', [T0, T0 + 60_000], [90, 5]],
      ['doubled', 'Doubled', 'Complete', [T0, T0 + 60_000], [180, 10]],
    ]);
  });

  it('creates, describes and deletes alarms; history; the answer carries every field', async () => {
    await query.send(new PutMetricAlarmCommand({
      AlarmName: 'q-latency', AlarmDescription: 'slow & steady', Namespace: 'Query/Test', MetricName: 'Latency',
      Dimensions: dims, Statistic: 'Average', Period: 60, EvaluationPeriods: 2, Threshold: 1000,
      ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching', ActionsEnabled: false, AlarmActions: [],
    }));
    const described = await query.send(new DescribeAlarmsCommand({ AlarmNames: ['q-latency'] }));
    expect(described.CompositeAlarms).toEqual([]);
    expect(described.MetricAlarms).toHaveLength(1);
    const a = described.MetricAlarms![0]!;
    expect(a).toMatchObject({
      AlarmName: 'q-latency', AlarmDescription: 'slow & steady', Namespace: 'Query/Test', MetricName: 'Latency',
      Dimensions: dims, Statistic: 'Average', Period: 60, EvaluationPeriods: 2, DatapointsToAlarm: 2, Threshold: 1000,
      ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching', ActionsEnabled: false, AlarmActions: [],
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:q-latency',
    });
    expect(a.StateValue).toBe('OK'); // evaluated on read: the last two minutes averaged well under 1000
    expect(a.StateUpdatedTimestamp).toBeInstanceOf(Date);
    expect(a.AlarmConfigurationUpdatedTimestamp!.getTime()).toBe(NOW);

    // Created through one protocol, seen through the other.
    const viaJson = await json.send(new DescribeAlarmsCommand({ AlarmNames: ['q-latency'] }));
    expect(viaJson.MetricAlarms![0]!.StateReason).toBe(a.StateReason);

    const history = await query.send(new DescribeAlarmHistoryCommand({ AlarmName: 'q-latency' }));
    expect(history.AlarmHistoryItems!.map((h) => h.HistoryItemType).sort()).toEqual(['ConfigurationUpdate', 'StateUpdate']);
    expect(history.AlarmHistoryItems!.every((h) => h.Timestamp instanceof Date)).toBe(true);

    await query.send(new DeleteAlarmsCommand({ AlarmNames: ['q-latency'] }));
    const gone = await sdkError(query.send(new DeleteAlarmsCommand({ AlarmNames: ['q-latency'] })));
    expect(gone.name).toBe('ResourceNotFound');
    expect(gone.$metadata?.httpStatusCode).toBe(404);
  });

  it('answers errors in XML that the client maps to CloudWatch exceptions, validation messages included', async () => {
    const both = await sdkError(query.send(new GetMetricStatisticsCommand({
      Namespace: 'Query/Test', MetricName: 'Latency', StartTime: new Date(T0), EndTime: new Date(NOW), Period: 60,
      Statistics: ['Sum'], ExtendedStatistics: ['p99'],
    })));
    expect(both.name).toBe('InvalidParameterCombinationException');
    expect(both.message).toBe('The parameters Statistics and ExtendedStatistics are mutually exclusive and you have specified both.');
    expect(both.$metadata?.httpStatusCode).toBe(400);

    const dashboard = await sdkError(query.send(new PutDashboardCommand({
      DashboardName: 'q-bad', DashboardBody: JSON.stringify({ widgets: [{ type: 'metric', properties: { metrics: [['AWS/ApiGateway', 'Count']] } }] }),
    })));
    expect(dashboard.name).toBe('DashboardInvalidInputError');
    expect(dashboard['dashboardValidationMessages']).toEqual([{ DataPath: '/widgets/0/properties', Message: "Should have required property 'region'" }]);
    expect(dashboard.message).toMatch(/^The dashboard body is invalid, there are 1 validation errors:/);

    const missing = await sdkError(query.send(new GetDashboardCommand({ DashboardName: 'nope' })));
    expect(missing.name).toBe('ResourceNotFound');
    expect(missing.message).toBe('Dashboard nope does not exist');
  });

  it('saves and returns dashboards', async () => {
    const body = JSON.stringify({ widgets: [{ type: 'text', x: 0, y: 0, width: 24, height: 2, properties: { markdown: '# <API> & "stage"' } }] });
    const put = await query.send(new PutDashboardCommand({ DashboardName: 'q-dash', DashboardBody: body }));
    expect(put.DashboardValidationMessages).toEqual([]);
    const got = await query.send(new GetDashboardCommand({ DashboardName: 'q-dash' }));
    expect(got.DashboardBody).toBe(body);
    const listed = await query.send(new ListDashboardsCommand({ DashboardNamePrefix: 'q-' }));
    expect(listed.DashboardEntries!.map((d) => [d.DashboardName, d.Size, d.LastModified!.getTime()])).toEqual([['q-dash', Buffer.byteLength(body), NOW]]);
  });

  it('speaks the raw protocol: XML documents, GET with a query string, bad actions and versions', async () => {
    const post = await fetch(`${aws.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'Action=ListDashboards&Version=2010-08-01&DashboardNamePrefix=q-',
    });
    expect(post.status).toBe(200);
    expect(post.headers.get('content-type')).toBe('text/xml');
    const xml = await post.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<ListDashboardsResponse xmlns="http:\/\/monitoring.amazonaws.com\/doc\/2010-08-01\/"><ListDashboardsResult><DashboardEntries><member><DashboardName>q-dash<\/DashboardName>/);
    expect(xml).toMatch(/<LastModified>2026-02-10T12:00:30.000Z<\/LastModified>/);
    expect(xml).toMatch(/<ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/ListDashboardsResponse>$/);

    const get = await fetch(`${aws.url}/?Action=DescribeAlarms&Version=2010-08-01&MaxRecords=5`);
    expect(get.status).toBe(200);
    expect(await get.text()).toContain('<DescribeAlarmsResult><CompositeAlarms></CompositeAlarms><MetricAlarms></MetricAlarms></DescribeAlarmsResult>');

    const form = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    const unknown = await fetch(`${aws.url}/`, { ...form, body: 'Action=Frobnicate&Version=2010-08-01' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toMatch(/<ErrorResponse xmlns="http:\/\/monitoring.amazonaws.com\/doc\/2010-08-01\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>The action Frobnicate is not valid for this web service.<\/Message><\/Error><RequestId>/);
    const noAction = await fetch(`${aws.url}/`, { ...form, body: 'Version=2010-08-01' });
    expect(await noAction.text()).toContain('<Code>MissingAction</Code>');
    const oldVersion = await fetch(`${aws.url}/`, { ...form, body: 'Action=ListMetrics&Version=2009-05-15' });
    expect(oldVersion.status).toBe(400);
    expect(await oldVersion.text()).toContain('<Code>InvalidAction</Code>');
    const notNumber = await fetch(`${aws.url}/`, { ...form, body: 'Action=DescribeAlarms&Version=2010-08-01&MaxRecords=lots' });
    expect(notNumber.status).toBe(400);
    expect(await notNumber.text()).toContain('<Code>InvalidParameterValue</Code><Message>The parameter MaxRecords must be a number.</Message>');
  });

  it('reads gzip-compressed bodies (the SDK compresses PutMetricData over 10 KiB on this protocol too)', async () => {
    const before = sent.length;
    const values = Array.from({ length: 600 }, (_, i) => i + 1);
    await query.send(new PutMetricDataCommand({
      Namespace: 'Query/Big', MetricData: [{ MetricName: 'Latency', Dimensions: dims, Timestamp: new Date(T0), Values: values.slice(0, 150), Unit: 'Milliseconds' },
        ...[150, 300, 450].map((from) => ({ MetricName: 'Latency', Dimensions: dims, Timestamp: new Date(T0), Values: values.slice(from, from + 150), Unit: 'Milliseconds' as const }))],
    }));
    expect(sent.length).toBe(before + 1);
    expect(sent[before]!.encoding).toBe('gzip');
    const res = await query.send(new GetMetricStatisticsCommand({
      Namespace: 'Query/Big', MetricName: 'Latency', Dimensions: dims, StartTime: new Date(T0), EndTime: new Date(T0 + 60_000), Period: 60,
      Statistics: ['SampleCount', 'Sum'],
    }));
    expect(res.Datapoints!.map((d) => [d.SampleCount, d.Sum])).toEqual([[600, 180300]]);
  });

  it('injects CloudWatch faults on query calls too', async () => {
    aws.faults.set([{ operation: 'cloudwatch:ListMetrics', errorRate: 1, kind: 'throttle' }]);
    try {
      const throttled = await sdkError(query.send(new ListMetricsCommand({})));
      expect(throttled.name).toBe('Throttling');
      expect(throttled.$metadata?.httpStatusCode).toBe(400);
    } finally {
      aws.faults.clear();
    }
  });
});
