import { CreateApiKeyCommand, CreateUsagePlanCommand, CreateUsagePlanKeyCommand, GetUsageCommand } from '@aws-sdk/client-api-gateway';
import { CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import { startTestAws, type TestAws } from './test-helpers';
import { backfillHistory, PROFILES, profileFor, startTraffic } from './traffic';
import { DAY_MS, dayString, epochDayOf } from './usage-ledger';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const stageDims = [
  { Name: 'ApiName', Value: 'gatehouse-demo-api' },
  { Name: 'Stage', Value: 'prod' },
];

async function keyIn(t: TestAws, planId: string, name: string) {
  const key = await t.client.send(new CreateApiKeyCommand({ name, enabled: true }));
  await t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId: key.id, keyType: 'API_KEY' }));
  return { id: key.id!, value: key.value! };
}

/** Sum of one AWS/ApiGateway statistic (stage level) per period. */
async function metric(cw: CloudWatchClient, name: string, fromMs: number, toMs: number, period: number) {
  const out = await cw.send(
    new GetMetricStatisticsCommand({ Namespace: 'AWS/ApiGateway', MetricName: name, Dimensions: stageDims, StartTime: new Date(fromMs), EndTime: new Date(toMs), Period: period, Statistics: ['Sum'] }),
  );
  return [...(out.Datapoints ?? [])].sort((a, b) => a.Timestamp!.getTime() - b.Timestamp!.getTime()).map((d) => ({ t: d.Timestamp!.getTime(), sum: d.Sum ?? 0 }));
}
const total = (points: { sum: number }[]) => points.reduce((s, p) => s + p.sum, 0);

describe('traffic profiles', () => {
  it('are picked deterministically from the key id, and quota plans get heavy users', () => {
    const basic = { id: 'p', name: 'basic', quota: { limit: 1000, period: 'DAY' as const }, rateLimit: 10, burstLimit: 20 };
    const enterprise = { id: 'e', name: 'enterprise', rateLimit: 1000, burstLimit: 2000 };
    const ids = Array.from({ length: 400 }, (_, i) => `key${i.toString(36)}`);
    expect(ids.map((id) => profileFor(id, basic))).toEqual(ids.map((id) => profileFor(id, basic)));
    const counts = (plan: typeof basic | typeof enterprise) => Object.fromEntries(PROFILES.map((p) => [p, ids.filter((id) => profileFor(id, plan) === p).length]));
    for (const n of Object.values(counts(basic))) expect(n).toBeGreaterThan(40);
    expect(counts(enterprise).heavy!).toBeLessThan(counts(basic).heavy!);
  });
});

describe('traffic generator', () => {
  it('drives the data plane with every key (new keys join), and GetUsage and CloudWatch agree with what it says it sent', async () => {
    const t = await startTestAws();
    const cw = new CloudWatchClient({ region: 'us-east-1', endpoint: t.aws.url, credentials, maxAttempts: 1 });
    try {
      const started = Date.now();
      // A plan whose quota is far away, so the run's numbers do not depend on the time of day.
      const plan = await t.client.send(
        new CreateUsagePlanCommand({
          name: 'roomy',
          apiStages: [{ apiId: t.aws.demo.restApiId, stage: 'prod' }],
          throttle: { rateLimit: 20, burstLimit: 40 },
          quota: { limit: 10_000_000, period: 'DAY' },
        }),
      );
      const first = await keyIn(t, plan.id!, 'first-customer');
      const lines: string[] = [];
      const run = startTraffic({ endpoint: t.aws.url, durationMs: 4000, ratePerMinute: 1200, rediscoverMs: 1000, seed: 7, log: (l) => lines.push(l) });
      await new Promise((r) => setTimeout(r, 600));
      const second = await keyIn(t, t.aws.demo.usagePlans.enterprise, 'new-customer');
      const stats = await run.done;

      expect(stats.networkErrors).toBe(0);
      expect(stats.requests).toBeGreaterThan(30);
      expect(stats.keys).toBe(2);
      expect(stats.perKey[first.id]?.requests).toBeGreaterThan(5);
      expect(stats.perKey[second.id]?.requests).toBeGreaterThan(5); // discovered after it joined
      expect(stats.anonymous.requests).toBeGreaterThanOrEqual(1);
      expect(Object.keys(stats.anonymous.byStatus)).toEqual(['403']);

      // GetUsage counts exactly the requests the gateway admitted.
      const from = dayString(epochDayOf(started));
      const to = dayString(epochDayOf(Date.now()));
      for (const [key, planId] of [
        [first, plan.id!],
        [second, t.aws.demo.usagePlans.enterprise],
      ] as const) {
        const usage = await t.client.send(new GetUsageCommand({ usagePlanId: planId, keyId: key.id, startDate: from, endDate: to }));
        const used = (usage.items?.[key.id] ?? []).reduce((s, d) => s + (d[0] ?? 0), 0);
        expect(used).toBe(stats.perKey[key.id]?.counted);
        expect(used).toBeGreaterThan(0);
      }

      // CloudWatch saw every request, and the same errors.
      const window = [started - 3600_000, Date.now() + 3600_000] as const;
      const by = (pred: (status: number) => boolean) =>
        Object.entries(stats.byStatus).reduce((s, [status, n]) => s + (pred(Number(status)) ? n : 0), 0);
      expect(total(await metric(cw, 'Count', ...window, 60))).toBe(stats.requests);
      expect(total(await metric(cw, '4XXError', ...window, 60))).toBe(by((s) => s >= 400 && s < 500));
      expect(total(await metric(cw, '5XXError', ...window, 60))).toBe(by((s) => s >= 500));

      expect(lines.some((l) => /^\[traffic\] driving 2 key\(s\)/.test(l))).toBe(true);
      expect(lines.some((l) => /^\[traffic\] \d\d:\d\dZ final: \d+ requests \(/.test(l))).toBe(true);
      for (const l of lines) {
        expect(l).not.toContain(first.value);
        expect(l).not.toContain(second.value);
      }
    } finally {
      cw.destroy();
      await t.close();
    }
  }, 20_000);

  it('keeps its accounting right under data-plane faults (injected 503s and dropped connections are not usage)', async () => {
    const t = await startTestAws({ faultSeed: 11 });
    const cw = new CloudWatchClient({ region: 'us-east-1', endpoint: t.aws.url, credentials, maxAttempts: 1 });
    try {
      const started = Date.now();
      const key = await keyIn(t, t.aws.demo.usagePlans.enterprise, 'under-faults');
      t.aws.faults.set([{ operation: 'dataplane', errorRate: 0.2, kind: '5xx', dropRate: 0.05 }]);
      const stats = await startTraffic({ endpoint: t.aws.url, durationMs: 3000, ratePerMinute: 1200, seed: 3, log: () => {} }).done;
      expect(stats.byStatus['503']).toBeGreaterThan(0);
      expect(stats.networkErrors).toBeGreaterThan(0);
      const day = dayString(epochDayOf(Date.now()));
      const usage = await t.client.send(new GetUsageCommand({ usagePlanId: t.aws.demo.usagePlans.enterprise, keyId: key.id, startDate: dayString(epochDayOf(started)), endDate: day }));
      expect((usage.items?.[key.id] ?? []).reduce((s, d) => s + (d[0] ?? 0), 0)).toBe(stats.perKey[key.id]?.counted);
      expect(total(await metric(cw, 'Count', started - 3600_000, Date.now() + 3600_000, 60))).toBe(stats.requests);
    } finally {
      cw.destroy();
      await t.close();
    }
  }, 15_000);

  it('stops when its signal aborts and waits for no one', async () => {
    const t = await startTestAws();
    try {
      const controller = new AbortController();
      const run = startTraffic({ endpoint: t.aws.url, signal: controller.signal, log: () => {} });
      controller.abort();
      const stats = await run.done;
      expect(stats.requests).toBeLessThanOrEqual(2);
    } finally {
      await t.close();
    }
  });
});

describe('backfill', () => {
  it('writes the requested days of per-key usage and AWS/ApiGateway metrics, once', async () => {
    const t = await startTestAws();
    const cw = new CloudWatchClient({ region: 'us-east-1', endpoint: t.aws.url, credentials, maxAttempts: 1 });
    try {
      const heavy = await keyIn(t, t.aws.demo.usagePlans.basic, 'heavy-basic');
      const steady = await keyIn(t, t.aws.demo.usagePlans.enterprise, 'steady-enterprise');
      const lines: string[] = [];
      const result = await backfillHistory({ endpoint: t.aws.url, days: 5, profiles: { [heavy.id]: 'heavy', [steady.id]: 'heavy' }, log: (l) => lines.push(l) });

      const today = epochDayOf(Date.now());
      const expectedDays = [5, 4, 3, 2, 1].map((n) => dayString(today - n));
      expect(result.days).toEqual(expectedDays);
      expect(result.keys).toBe(2);
      expect(result.metricsSkipped).toBe(false);
      expect(result.metricData).toBeGreaterThan(1000);

      for (const [key, planId] of [
        [heavy, t.aws.demo.usagePlans.basic],
        [steady, t.aws.demo.usagePlans.enterprise],
      ] as const) {
        const usage = await t.client.send(new GetUsageCommand({ usagePlanId: planId, keyId: key.id, startDate: dayString(today - 6), endDate: dayString(today) }));
        const used = (usage.items?.[key.id] ?? []).map((d) => d[0]);
        expect(used).toHaveLength(7);
        expect(used[0]).toBe(0); // the day before the range
        expect(used.slice(1, 6)).toEqual(expectedDays.map((d) => result.usage[key.id]?.[d]));
        expect(used[6]).toBe(result.usage[key.id]?.[dayString(today)]);
        for (const u of used.slice(1, 6)) expect(u).toBeGreaterThan(0);
      }
      // The heavy basic-tier key ran at 80-100 % of its 1000/day quota, never past it.
      const heavyDays = expectedDays.map((d) => result.usage[heavy.id]?.[d] ?? -1);
      for (const u of heavyDays) {
        expect(u).toBeGreaterThanOrEqual(780);
        expect(u).toBeLessThanOrEqual(1000);
      }

      // One Count datapoint per day, in line with the usage (plus the requests refused before counting).
      const days = await metric(cw, 'Count', (today - 5) * DAY_MS, today * DAY_MS, 86400);
      expect(days.map((d) => dayString(d.t / DAY_MS))).toEqual(expectedDays);
      for (const d of days) {
        const admitted = (result.usage[heavy.id]?.[dayString(d.t / DAY_MS)] ?? 0) + (result.usage[steady.id]?.[dayString(d.t / DAY_MS)] ?? 0);
        expect(d.sum / admitted).toBeGreaterThan(0.95);
        expect(d.sum / admitted).toBeLessThan(1.15);
      }
      const fiveXx = await metric(cw, '5XXError', (today - 5) * DAY_MS, today * DAY_MS, 86400);
      const worst = fiveXx.reduce((a, b) => (b.sum > a.sum ? b : a));
      expect(dayString(worst.t / DAY_MS)).toBe(result.incidentDay);
      // The last two days have per-minute points.
      const recent = await metric(cw, 'Count', Date.now() - 3 * 3600_000, Date.now(), 60);
      expect(recent.length).toBeGreaterThan(60);
      expect(new Set(recent.map((p) => Math.floor(p.t / 3600_000))).size).toBeLessThan(recent.length);
      for (const name of ['Latency', 'IntegrationLatency', 'CacheHitCount', 'CacheMissCount', '4XXError']) {
        expect(total(await metric(cw, name, (today - 5) * DAY_MS, today * DAY_MS, 86400)), name).toBeGreaterThan(0);
      }

      // Again: usage is rewritten the same way, metrics are not doubled.
      const again = await backfillHistory({ endpoint: t.aws.url, days: 5, profiles: { [heavy.id]: 'heavy', [steady.id]: 'heavy' }, log: () => {} });
      expect(again.metricsSkipped).toBe(true);
      expect(total(await metric(cw, 'Count', (today - 5) * DAY_MS, today * DAY_MS, 86400))).toBe(total(days));
      expect(lines.join('\n')).not.toContain(heavy.value);
    } finally {
      cw.destroy();
      await t.close();
    }
  }, 20_000);
});

describe('backfill endpoints', () => {
  it('validate their input and write what GetUsage and CloudWatch then report', async () => {
    const t = await startTestAws();
    const cw = new CloudWatchClient({ region: 'us-east-1', endpoint: t.aws.url, credentials, maxAttempts: 1 });
    try {
      const key = await keyIn(t, t.aws.demo.usagePlans.basic, 'bf');
      const today = epochDayOf(Date.now());
      const post = (path: string, body: unknown) => fetch(`${t.aws.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
      const planId = t.aws.demo.usagePlans.basic;
      const ok = await post('/_localaws/usage/backfill', { usagePlanId: planId, keyId: key.id, days: [{ date: dayString(today - 40), used: 5 }, { date: dayString(today - 1), used: 700 }] });
      expect(await ok.json()).toEqual({ entries: 1, days: 2 });
      expect((await post('/_localaws/usage/backfill', { usagePlanId: planId, keyId: key.id, mode: 'add', days: [{ date: dayString(today - 1), used: 10 }] })).status).toBe(200);
      const usage = await t.client.send(new GetUsageCommand({ usagePlanId: planId, keyId: key.id, startDate: dayString(today - 1), endDate: dayString(today - 1) }));
      expect(usage.items?.[key.id]).toEqual([[710, 290]]);

      expect((await post('/_localaws/usage/backfill', { usagePlanId: t.aws.demo.usagePlans.premium, keyId: key.id, days: [] })).status).toBe(404);
      expect((await post('/_localaws/usage/backfill', { usagePlanId: 'nope', keyId: key.id, days: [] })).status).toBe(404);
      expect((await post('/_localaws/usage/backfill', { usagePlanId: planId, keyId: key.id, days: [{ date: dayString(today + 1), used: 1 }] })).status).toBe(400);
      expect((await post('/_localaws/usage/backfill', { usagePlanId: planId, keyId: key.id, days: [{ date: '2026-02-30', used: 1 }] })).status).toBe(400);
      expect((await post('/_localaws/usage/backfill', { usagePlanId: planId, keyId: key.id, days: [{ date: dayString(today - 2), used: -1 }] })).status).toBe(400);
      expect((await post('/_localaws/usage/backfill', { usagePlanId: planId, keyId: key.id, mode: 'sum', days: [] })).status).toBe(400);

      // Metrics: AWS/ namespaces and month-old timestamps are fine here (PutMetricData refuses both).
      const old = Math.floor((Date.now() - 30 * DAY_MS) / 3600_000) * 3600;
      const res = await post('/_localaws/metrics/backfill', {
        Namespace: 'AWS/ApiGateway',
        Resolution: 'hour',
        MetricData: [{ MetricName: 'Count', Dimensions: stageDims, Timestamp: old + 120, Values: [1], Counts: [42], Unit: 'Count' }],
      });
      expect(await res.json()).toEqual({ recorded: 1 });
      const points = await metric(cw, 'Count', old * 1000, (old + 3600) * 1000, 3600);
      expect(points).toEqual([{ t: old * 1000, sum: 42 }]);
      const bad = await post('/_localaws/metrics/backfill', { Namespace: 'AWS/ApiGateway', MetricData: [{ MetricName: 'Count', Timestamp: old, Value: 1, StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 } }] });
      expect(bad.status).toBe(400);
      expect((await post('/_localaws/metrics/backfill', { Namespace: 'AWS/ApiGateway', Resolution: 'day', MetricData: [{ MetricName: 'Count', Value: 1 }] })).status).toBe(400);
      expect((await fetch(`${t.aws.url}/_localaws/usage/backfill`)).status).toBe(405);
    } finally {
      cw.destroy();
      await t.close();
    }
  });
});
