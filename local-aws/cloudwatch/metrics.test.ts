import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GetMetricDataCommand, GetMetricStatisticsCommand, ListMetricsCommand, PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { sdkError, startCloudWatch, type TestCloudWatch } from './test-server';

// 2025-01-15T12:00:30Z; minute boundaries are 12:00:00, 12:01:00, ...
const NOW = Date.UTC(2025, 0, 15, 12, 0, 30);
const T0 = Date.UTC(2025, 0, 15, 11, 0, 0); // an hour earlier, minute-aligned
const min = (n: number) => new Date(T0 + n * 60_000 + 5_000);

let cw: TestCloudWatch;
beforeAll(async () => { cw = await startCloudWatch(NOW); });
afterAll(async () => { await cw.close(); });

describe('PutMetricData + GetMetricStatistics', () => {
  it('aggregates sums, averages, min, max and sample counts per period', async () => {
    const dims = [{ Name: 'Stage', Value: 'prod' }, { Name: 'ApiName', Value: 'pets' }];
    await cw.client.send(new PutMetricDataCommand({
      Namespace: 'Test/Exact',
      MetricData: [
        { MetricName: 'Latency', Dimensions: dims, Timestamp: min(0), Value: 1, Unit: 'Milliseconds' },
        { MetricName: 'Latency', Dimensions: dims, Timestamp: min(0), Value: 2, Unit: 'Milliseconds' },
        { MetricName: 'Latency', Dimensions: dims, Timestamp: min(0), Value: 3, Unit: 'Milliseconds' },
        { MetricName: 'Latency', Dimensions: dims, Timestamp: min(1), Value: 10, Unit: 'Milliseconds' },
        // Values + Counts: 4 twice and 5 three times
        { MetricName: 'Latency', Dimensions: dims, Timestamp: min(2), Values: [4, 5], Counts: [2, 3], Unit: 'Milliseconds' },
        { MetricName: 'Latency', Dimensions: dims, Timestamp: min(4),
          StatisticValues: { SampleCount: 4, Sum: 20, Minimum: 2, Maximum: 8 }, Unit: 'Milliseconds' },
      ],
    }));
    // Dimension order in the query does not matter.
    const queryDims = [{ Name: 'ApiName', Value: 'pets' }, { Name: 'Stage', Value: 'prod' }];
    const perMinute = await cw.client.send(new GetMetricStatisticsCommand({
      Namespace: 'Test/Exact', MetricName: 'Latency', Dimensions: queryDims,
      StartTime: new Date(T0), EndTime: new Date(T0 + 10 * 60_000), Period: 60,
      Statistics: ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'],
    }));
    // Percentiles come from a second call: AWS refuses Statistics together with ExtendedStatistics.
    const perMinuteP50 = await cw.client.send(new GetMetricStatisticsCommand({
      Namespace: 'Test/Exact', MetricName: 'Latency', Dimensions: queryDims,
      StartTime: new Date(T0), EndTime: new Date(T0 + 10 * 60_000), Period: 60, ExtendedStatistics: ['p50'],
    }));
    const p50 = [...(perMinuteP50.Datapoints ?? [])].sort((a, b) => a.Timestamp!.getTime() - b.Timestamp!.getTime());
    expect(perMinute.Label).toBe('Latency');
    const dps = [...(perMinute.Datapoints ?? [])].sort((a, b) => a.Timestamp!.getTime() - b.Timestamp!.getTime());
    expect(dps.map((d) => d.Timestamp!.getTime())).toEqual([T0, T0 + 60_000, T0 + 120_000, T0 + 240_000]);
    expect(dps.map((d) => d.Sum)).toEqual([6, 10, 23, 20]);
    expect(dps.map((d) => d.SampleCount)).toEqual([3, 1, 5, 4]);
    expect(dps.map((d) => d.Average)).toEqual([2, 10, 4.6, 5]);
    expect(dps.map((d) => d.Minimum)).toEqual([1, 10, 4, 2]);
    expect(dps.map((d) => d.Maximum)).toEqual([3, 10, 5, 8]);
    expect(dps.every((d) => d.Unit === 'Milliseconds')).toBe(true);
    // Few samples: percentiles are exact (nearest rank).
    expect(p50[0]!.ExtendedStatistics?.['p50']).toBe(2);
    expect(p50[2]!.ExtendedStatistics?.['p50']).toBe(5); // 4,4,5,5,5
    // Percentiles are unavailable for a statistic set whose Min != Max (as in AWS).
    expect(p50[3]!.ExtendedStatistics).toEqual({});

    const wide = await cw.client.send(new GetMetricStatisticsCommand({
      Namespace: 'Test/Exact', MetricName: 'Latency', Dimensions: queryDims,
      StartTime: new Date(T0), EndTime: new Date(T0 + 6 * 60_000), Period: 180, Statistics: ['Sum', 'SampleCount', 'Minimum', 'Maximum'],
    }));
    const w = [...(wide.Datapoints ?? [])].sort((a, b) => a.Timestamp!.getTime() - b.Timestamp!.getTime());
    expect(w.map((d) => [d.Timestamp!.getTime(), d.Sum, d.SampleCount, d.Minimum, d.Maximum])).toEqual([
      [T0, 39, 9, 1, 10],
      [T0 + 180_000, 20, 4, 2, 8],
    ]);
    // Unit filter: no data with Count.
    const none = await cw.client.send(new GetMetricStatisticsCommand({
      Namespace: 'Test/Exact', MetricName: 'Latency', Dimensions: queryDims, Unit: 'Count',
      StartTime: new Date(T0), EndTime: new Date(T0 + 6 * 60_000), Period: 60, Statistics: ['Sum'],
    }));
    expect(none.Datapoints).toEqual([]);
  });

  it('computes p50/p90/p99 of 1,000 known values within 1% (gzip-compressed >10 KiB request)', async () => {
    const values = Array.from({ length: 1000 }, (_, i) => i + 1);
    for (let i = values.length - 1; i > 0; i--) { // deterministic shuffle
      const j = (i * 7919) % (i + 1);
      [values[i], values[j]] = [values[j]!, values[i]!];
    }
    const before = cw.requests.length;
    await cw.client.send(new PutMetricDataCommand({
      Namespace: 'Test/Pct',
      MetricData: values.map((v) => ({
        MetricName: 'Latency', Dimensions: [{ Name: 'ApiName', Value: 'pets' }], Timestamp: min(30), Value: v, Unit: 'Milliseconds',
      })),
    }));
    const req = cw.requests[before]!;
    expect(req.headers['content-encoding']).toBe('gzip');
    expect(req.headers['x-amz-target']).toBe('GraniteServiceVersion20100801.PutMetricData');

    const res = await cw.client.send(new GetMetricStatisticsCommand({
      Namespace: 'Test/Pct', MetricName: 'Latency', Dimensions: [{ Name: 'ApiName', Value: 'pets' }],
      StartTime: new Date(T0 + 30 * 60_000), EndTime: new Date(T0 + 31 * 60_000), Period: 60,
      Statistics: ['SampleCount', 'Sum'],
    }));
    expect(res.Datapoints).toHaveLength(1);
    const dp = res.Datapoints![0]!;
    expect(dp.SampleCount).toBe(1000);
    expect(dp.Sum).toBe(500500);
    const pct = await cw.client.send(new GetMetricStatisticsCommand({
      Namespace: 'Test/Pct', MetricName: 'Latency', Dimensions: [{ Name: 'ApiName', Value: 'pets' }],
      StartTime: new Date(T0 + 30 * 60_000), EndTime: new Date(T0 + 31 * 60_000), Period: 60,
      ExtendedStatistics: ['p50', 'p90', 'p99', 'p99.9'],
    }));
    const ext = pct.Datapoints![0]!.ExtendedStatistics!;
    expect(Math.abs(ext['p50']! - 500) / 500).toBeLessThan(0.01);
    expect(Math.abs(ext['p90']! - 900) / 900).toBeLessThan(0.01);
    expect(Math.abs(ext['p99']! - 990) / 990).toBeLessThan(0.01);
    expect(Math.abs(ext['p99.9']! - 999) / 999).toBeLessThan(0.01);
  });
});

describe('GetMetricData', () => {
  const metric = (name: string) => ({ Namespace: 'Test/GMD', MetricName: name, Dimensions: [{ Name: 'ApiName', Value: 'pets' }] });
  beforeAll(async () => {
    const data = [];
    for (let m = 0; m < 5; m++) {
      data.push({ ...metric('Count'), Timestamp: min(m), Values: [1], Counts: [10 * (m + 1)] }); // 10,20,30,40,50
      if (m !== 2) data.push({ ...metric('5XXError'), Timestamp: min(m), Value: m + 1 }); // 1,2,-,4,5
    }
    await cw.client.send(new PutMetricDataCommand({
      Namespace: 'Test/GMD', MetricData: data.map(({ Namespace: _ns, ...d }) => d),
    }));
  });

  const queries = [
    { Id: 'm1', MetricStat: { Metric: metric('Count'), Period: 60, Stat: 'Sum' }, ReturnData: true },
    { Id: 'm2', MetricStat: { Metric: metric('5XXError'), Period: 60, Stat: 'Sum' }, Label: 'errors' },
    { Id: 'e1', Expression: 'm1+m2' },
    { Id: 'e2', Expression: '100*m2/m1', Label: 'error rate' },
    { Id: 'e3', Expression: 'SUM([m1,m2])' },
    { Id: 'hidden', MetricStat: { Metric: metric('Count'), Period: 120, Stat: 'SampleCount' }, ReturnData: false },
  ];

  it('answers several metric queries and expressions in one call', async () => {
    const res = await cw.client.send(new GetMetricDataCommand({
      MetricDataQueries: queries, StartTime: new Date(T0), EndTime: new Date(T0 + 5 * 60_000), ScanBy: 'TimestampAscending',
    }));
    const by = Object.fromEntries((res.MetricDataResults ?? []).map((r) => [r.Id, r]));
    expect(Object.keys(by)).toEqual(['m1', 'm2', 'e1', 'e2', 'e3']);
    const ts = (n: number[]) => n.map((m) => new Date(T0 + m * 60_000));
    expect(by['m1']).toMatchObject({ Label: 'Count', StatusCode: 'Complete', Values: [10, 20, 30, 40, 50], Timestamps: ts([0, 1, 2, 3, 4]) });
    expect(by['m2']).toMatchObject({ Label: 'errors', Values: [1, 2, 4, 5], Timestamps: ts([0, 1, 3, 4]) });
    expect(by['e1']).toMatchObject({ Values: [11, 22, 44, 55], Timestamps: ts([0, 1, 3, 4]) });
    expect(by['e2']!.Label).toBe('error rate');
    expect(by['e2']!.Values).toEqual([10, 10, 10, 10]);
    expect(by['e3']).toMatchObject({ Values: [11, 22, 30, 44, 55], Timestamps: ts([0, 1, 2, 3, 4]) });
  });

  it('scans newest first by default and pages with NextToken/MaxDatapoints', async () => {
    const full = await cw.client.send(new GetMetricDataCommand({
      MetricDataQueries: queries, StartTime: new Date(T0), EndTime: new Date(T0 + 5 * 60_000),
    }));
    const m1 = full.MetricDataResults!.find((r) => r.Id === 'm1')!;
    expect(m1.Values).toEqual([50, 40, 30, 20, 10]);
    expect(full.NextToken).toBeUndefined();

    const collected = new Map<string, number[]>();
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await cw.client.send(new GetMetricDataCommand({
        MetricDataQueries: queries, StartTime: new Date(T0), EndTime: new Date(T0 + 5 * 60_000), MaxDatapoints: 3, NextToken: token,
      }));
      const count = page.MetricDataResults!.reduce((n, r) => n + r.Values!.length, 0);
      expect(count).toBeLessThanOrEqual(3);
      for (const r of page.MetricDataResults!) collected.set(r.Id!, [...(collected.get(r.Id!) ?? []), ...r.Values!]);
      token = page.NextToken;
      pages++;
    } while (token && pages < 20);
    expect(pages).toBe(8); // 23 datapoints, 3 per page
    for (const r of full.MetricDataResults!) expect(collected.get(r.Id!)).toEqual(r.Values);

    const bad = await sdkError(cw.client.send(new GetMetricDataCommand({
      MetricDataQueries: queries, StartTime: new Date(T0), EndTime: new Date(T0 + 5 * 60_000), NextToken: 'bm90LWEtdG9rZW4',
    })));
    expect(bad.name).toBe('InvalidNextToken');
  });

  it('supports percentiles and coarser periods in MetricStat', async () => {
    const res = await cw.client.send(new GetMetricDataCommand({
      MetricDataQueries: [
        { Id: 'p', MetricStat: { Metric: { Namespace: 'Test/Pct', MetricName: 'Latency', Dimensions: [{ Name: 'ApiName', Value: 'pets' }] }, Period: 300, Stat: 'p99' } },
        { Id: 'five', MetricStat: { Metric: metric('Count'), Period: 300, Stat: 'Average' } },
      ],
      StartTime: new Date(T0), EndTime: new Date(T0 + 60 * 60_000),
    }));
    const [p, five] = res.MetricDataResults!;
    expect(p!.Timestamps).toEqual([new Date(T0 + 30 * 60_000)]);
    expect(Math.abs(p!.Values![0]! - 990) / 990).toBeLessThan(0.01);
    expect(five!.Values).toEqual([1]); // every sample was the value 1
  });

  it('rejects bad input with AWS error codes', async () => {
    const badPeriod = await sdkError(cw.client.send(new GetMetricDataCommand({
      MetricDataQueries: [{ Id: 'm1', MetricStat: { Metric: metric('Count'), Period: 61, Stat: 'Sum' } }],
      StartTime: new Date(T0), EndTime: new Date(T0 + 60_000),
    })));
    expect(badPeriod.name).toBe('InvalidParameterValueException');
    expect(badPeriod.Code).toBe('InvalidParameterValue');
    expect(badPeriod.message).toContain('multiple of 60');
    expect(badPeriod.$metadata?.httpStatusCode).toBe(400);

    const badExpr = await sdkError(cw.client.send(new GetMetricDataCommand({
      MetricDataQueries: [{ Id: 'e1', Expression: 'm9 * 2' }], StartTime: new Date(T0), EndTime: new Date(T0 + 60_000),
    })));
    expect(badExpr.message).toContain("'m9'");
  });
});

describe('ListMetrics and the data-plane putMetric path', () => {
  it('filters by namespace, name and dimensions and pages 500 at a time', async () => {
    for (let i = 0; i < 520; i++) {
      cw.service.putMetric('AWS/ApiGateway', 'Count', [{ Name: 'ApiName', Value: `api-${String(i).padStart(3, '0')}` }, { Name: 'Stage', Value: 'prod' }], 1, 'Count');
    }
    cw.service.putMetric('AWS/ApiGateway', 'Latency', [{ Name: 'ApiName', Value: 'api-007' }, { Name: 'Stage', Value: 'prod' }], 42, 'Milliseconds');

    const first = await cw.client.send(new ListMetricsCommand({ Namespace: 'AWS/ApiGateway', MetricName: 'Count' }));
    expect(first.Metrics).toHaveLength(500);
    expect(first.NextToken).toBeDefined();
    const second = await cw.client.send(new ListMetricsCommand({ Namespace: 'AWS/ApiGateway', MetricName: 'Count', NextToken: first.NextToken }));
    expect(second.Metrics).toHaveLength(20);
    expect(second.NextToken).toBeUndefined();
    const names = new Set([...first.Metrics!, ...second.Metrics!].map((m) => m.Dimensions!.find((d) => d.Name === 'ApiName')!.Value));
    expect(names.size).toBe(520);

    const api7 = await cw.client.send(new ListMetricsCommand({
      Namespace: 'AWS/ApiGateway', Dimensions: [{ Name: 'ApiName', Value: 'api-007' }, { Name: 'Stage' }], RecentlyActive: 'PT3H',
    }));
    expect(api7.Metrics!.map((m) => m.MetricName).sort()).toEqual(['Count', 'Latency']);

    const stats = await cw.client.send(new GetMetricStatisticsCommand({
      Namespace: 'AWS/ApiGateway', MetricName: 'Latency', Dimensions: [{ Name: 'Stage', Value: 'prod' }, { Name: 'ApiName', Value: 'api-007' }],
      StartTime: new Date(NOW - 60_000), EndTime: new Date(NOW + 60_000), Period: 60, Statistics: ['Maximum'],
    }));
    expect(stats.Datapoints!.map((d) => [d.Maximum, d.Unit])).toEqual([[42, 'Milliseconds']]);
  });
});

describe('errors', () => {
  it('maps missing parameters, bad periods, reserved namespaces and unknown operations', async () => {
    const missing = await sdkError(cw.client.send(new GetMetricStatisticsCommand({
      MetricName: 'Latency', StartTime: new Date(T0), EndTime: new Date(NOW), Period: 60, Statistics: ['Sum'],
    } as never)));
    expect(missing.name).toBe('MissingRequiredParameterException');
    expect(missing.Code).toBe('MissingParameter');
    expect(missing.message).toBe('The parameter Namespace is required.');

    const period = await sdkError(cw.client.send(new GetMetricStatisticsCommand({
      Namespace: 'Test/Exact', MetricName: 'Latency', StartTime: new Date(T0), EndTime: new Date(NOW), Period: 90, Statistics: ['Sum'],
    })));
    expect(period.Code).toBe('InvalidParameterValue');

    const tooMany = await sdkError(cw.client.send(new GetMetricStatisticsCommand({
      Namespace: 'Test/Exact', MetricName: 'Latency', StartTime: new Date(NOW - 2 * 86400_000), EndTime: new Date(NOW), Period: 60, Statistics: ['Sum'],
    })));
    expect(tooMany.Code).toBe('InvalidParameterCombination');
    expect(tooMany.message).toContain('exceeds the limit of 1440');

    // Statistics or ExtendedStatistics, never both (AWS API reference, GetMetricStatistics).
    const statsAndExtended = await sdkError(cw.client.send(new GetMetricStatisticsCommand({
      Namespace: 'Test/Exact', MetricName: 'Latency', StartTime: new Date(T0), EndTime: new Date(NOW), Period: 60,
      Statistics: ['Sum'], ExtendedStatistics: ['p99'],
    })));
    expect(statsAndExtended.name).toBe('InvalidParameterCombinationException');
    expect(statsAndExtended.Code).toBe('InvalidParameterCombination');
    expect(statsAndExtended.$metadata?.httpStatusCode).toBe(400);
    expect(statsAndExtended.message).toBe('The parameters Statistics and ExtendedStatistics are mutually exclusive and you have specified both.');

    const reserved = await sdkError(cw.client.send(new PutMetricDataCommand({
      Namespace: 'AWS/ApiGateway', MetricData: [{ MetricName: 'Count', Value: 1 }],
    })));
    expect(reserved.name).toBe('InvalidParameterValueException');

    const both = await sdkError(cw.client.send(new PutMetricDataCommand({
      Namespace: 'Test/X', MetricData: [{ MetricName: 'Count', Value: 1, StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 } }],
    })));
    expect(both.name).toBe('InvalidParameterCombinationException');

    const sizes = await sdkError(cw.client.send(new PutMetricDataCommand({
      Namespace: 'Test/X', MetricData: [{ MetricName: 'Count', Values: [1, 2], Counts: [1] }],
    })));
    expect(sizes.Code).toBe('InvalidParameterValue');

    const res = await fetch(cw.endpoint + '/', {
      method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'GraniteServiceVersion20100801.Frobnicate' }, body: '{}',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-query-error')).toBe('UnknownOperation;Sender');
    expect(((await res.json()) as { __type: string }).__type).toContain('UnknownOperation');
  });
});

describe('retention', () => {
  it('rolls minute buckets older than 15 days into hourly buckets, keeping exact sums', async () => {
    const clock = { ms: Date.UTC(2025, 3, 1, 0, 0, 0) };
    const old = clock.ms - 20 * 86400_000; // 2025-03-12T00:00Z
    const local = await startCloudWatch(clock.ms);
    try {
      for (let m = 0; m < 90; m++) local.service.putMetric('AWS/ApiGateway', 'Count', [{ Name: 'ApiName', Value: 'pets' }], 2, 'Count', old + m * 60_000);
      local.clock.ms += 5 * 60_000; // the next call compacts
      const res = await local.client.send(new GetMetricStatisticsCommand({
        Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: [{ Name: 'ApiName', Value: 'pets' }],
        StartTime: new Date(old + 10 * 60_000), EndTime: new Date(old + 3 * 3600_000), Period: 3600, Statistics: ['Sum', 'SampleCount'],
      }));
      const dps = [...res.Datapoints!].sort((a, b) => a.Timestamp!.getTime() - b.Timestamp!.getTime());
      // start is rounded down to the hour for data older than 15 days
      expect(dps.map((d) => [d.Timestamp!.getTime(), d.Sum, d.SampleCount])).toEqual([[old, 120, 60], [old + 3600_000, 60, 30]]);
      const snap = local.service.snapshot() as { metrics: { m: unknown[]; h: unknown[] }[] };
      expect(snap.metrics[0]!.m).toHaveLength(0);
      expect(snap.metrics[0]!.h).toHaveLength(2);
    } finally {
      await local.close();
    }
  });
});
