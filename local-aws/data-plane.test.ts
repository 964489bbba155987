import {
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteUsagePlanKeyCommand,
  FlushStageCacheCommand,
  GetUsageCommand,
  UpdateApiKeyCommand,
  UpdateStageCommand,
  UpdateUsageCommand,
  type ThrottleSettings,
} from '@aws-sdk/client-api-gateway';
import { CloudWatchClient, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf, startTestAws, type TestAws } from './test-helpers';

const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 10, 12, 0, 0); // Tuesday 2026-03-10, noon UTC

describe('data plane (frozen clock)', () => {
  let t: TestAws;
  const clock = { ms: START };
  beforeAll(async () => {
    t = await startTestAws({ now: () => clock.ms });
  });
  afterAll(() => t.close());

  const call = (path: string, key?: string, init: RequestInit = {}) =>
    fetch(t.invokeUrl(path), { ...init, headers: { ...(key ? { 'x-api-key': key } : {}), ...(init.headers as Record<string, string> | undefined) } });

  /** A new enabled key in `planId`; returns its id and value. */
  async function keyInPlan(planId: string, name: string) {
    const key = await t.client.send(new CreateApiKeyCommand({ name, enabled: true }));
    await t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId: key.id, keyType: 'API_KEY' }));
    return { id: key.id!, value: key.value! };
  }

  async function planWith(name: string, opts: { quota?: number; throttle?: ThrottleSettings; methodThrottle?: Record<string, ThrottleSettings> }) {
    const plan = await t.client.send(
      new CreateUsagePlanCommand({
        name,
        apiStages: [{ apiId: t.aws.demo.restApiId, stage: 'prod', throttle: opts.methodThrottle }],
        throttle: opts.throttle,
        quota: opts.quota === undefined ? undefined : { limit: opts.quota, period: 'DAY' },
      }),
    );
    return plan.id!;
  }

  async function usage(planId: string, keyId: string, startDate: string, endDate: string) {
    const out = await t.client.send(new GetUsageCommand({ usagePlanId: planId, keyId, startDate, endDate }));
    return out.items?.[keyId];
  }

  async function expectError(res: Response, status: number, type: string, message: string) {
    expect(res.status).toBe(status);
    expect(res.headers.get('x-amzn-errortype')).toBe(type);
    expect(await res.json()).toEqual({ message });
  }

  it('answers 403 Forbidden without a key, with an unknown or disabled key, and for a key in no plan for the stage', async () => {
    await expectError(await call('/pets'), 403, 'ForbiddenException', 'Forbidden');
    await expectError(await call('/pets', 'x'.repeat(40)), 403, 'ForbiddenException', 'Forbidden');
    const planless = await t.client.send(new CreateApiKeyCommand({ name: 'planless', enabled: true }));
    await expectError(await call('/pets', planless.value), 403, 'ForbiddenException', 'Forbidden');
    const key = await keyInPlan(t.aws.demo.usagePlans.enterprise, 'to-disable');
    expect((await call('/health', key.value)).status).toBe(200);
    await t.client.send(new UpdateApiKeyCommand({ apiKey: key.id, patchOperations: [{ op: 'replace', path: '/enabled', value: 'false' }] }));
    await expectError(await call('/health', key.value), 403, 'ForbiddenException', 'Forbidden');
    // A key created disabled is refused too.
    const disabled = await t.client.send(new CreateApiKeyCommand({ name: 'born-disabled' }));
    await t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: t.aws.demo.usagePlans.enterprise, keyId: disabled.id, keyType: 'API_KEY' }));
    await expectError(await call('/health', disabled.value), 403, 'ForbiddenException', 'Forbidden');
    // Unknown resources and stages.
    await expectError(await call('/nope', key.value), 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    const wrongStage = await fetch(`${t.aws.url}/restapis/${t.aws.demo.restApiId}/dev/_user_request_/pets`);
    expect(wrongStage.status).toBe(403);
  });

  it('proxies to the demo backend', async () => {
    const key = await keyInPlan(t.aws.demo.usagePlans.enterprise, 'proxy');
    const list = await call('/pets', key.value);
    expect(list.status).toBe(200);
    expect(((await list.json()) as unknown[]).length).toBe(3);
    const one = await call('/pets/2', key.value);
    expect(await one.json()).toMatchObject({ id: 2, name: 'Tom' });
    expect((await call('/pets/999', key.value)).status).toBe(404);
    const created = await call('/pets', key.value, { method: 'POST', body: JSON.stringify({ name: 'Fido', type: 'dog' }), headers: { 'content-type': 'application/json' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-cache')).toBeNull();
    expect(await created.json()).toEqual({ name: 'Fido', type: 'dog', id: 4 });
    const flaky = await call('/flaky', key.value);
    expect([200, 500]).toContain(flaky.status);
  });

  it('counts usage exactly as GetUsage reports it, and enforces the remaining quota', async () => {
    const planId = t.aws.demo.usagePlans.basic; // 1000/DAY, 10 rps burst 20
    const key = await keyInPlan(planId, 'counted');
    for (let i = 0; i < 7; i++) expect((await call('/pets', key.value)).status).toBe(200);
    expect((await call('/pets', key.value, { method: 'POST', body: '{"name":"a"}' })).status).toBe(201);
    expect((await call('/pets/999', key.value)).status).toBe(404); // reached the backend: counted
    await call('/pets'); // no key: not this key's usage
    expect(await usage(planId, key.id, '2026-03-09', '2026-03-10')).toEqual([
      [0, 1000],
      [9, 991],
    ]);

    const updated = await t.client.send(
      new UpdateUsageCommand({ usagePlanId: planId, keyId: key.id, patchOperations: [{ op: 'replace', path: '/remaining', value: '2' }] }),
    );
    expect(updated.items?.[key.id]).toEqual([[9, 2]]);
    expect((await call('/health', key.value)).status).toBe(200);
    expect((await call('/health', key.value)).status).toBe(200);
    await expectError(await call('/health', key.value), 429, 'LimitExceededException', 'Limit Exceeded');
    expect(await usage(planId, key.id, '2026-03-10', '2026-03-10')).toEqual([[11, 0]]);

    clock.ms += DAY; // a new DAY period
    expect((await call('/health', key.value)).status).toBe(200);
    expect(await usage(planId, key.id, '2026-03-09', '2026-03-11')).toEqual([
      [0, 1000],
      [11, 0],
      [1, 999],
    ]);
  });

  it('answers 429 Limit Exceeded once a tiny quota is used up', async () => {
    const planId = await planWith('tiny-quota', { quota: 3 });
    const key = await keyInPlan(planId, 'tiny');
    for (let i = 0; i < 3; i++) expect((await call('/health', key.value)).status).toBe(200);
    await expectError(await call('/health', key.value), 429, 'LimitExceededException', 'Limit Exceeded');
    await expectError(await call('/pets', key.value), 429, 'LimitExceededException', 'Limit Exceeded');
    const day = new Date(clock.ms).toISOString().slice(0, 10);
    expect(await usage(planId, key.id, day, day)).toEqual([[3, 0]]);
  });

  it('gives a key added back to a plan the full quota again, keeping its counted days; UpdateUsage then decrements with use', async () => {
    const planId = await planWith('re-added', { quota: 4 });
    const key = await keyInPlan(planId, 're-added-key');
    for (let i = 0; i < 4; i++) expect((await call('/health', key.value)).status).toBe(200);
    await expectError(await call('/health', key.value), 429, 'LimitExceededException', 'Limit Exceeded');
    await t.client.send(new DeleteUsagePlanKeyCommand({ usagePlanId: planId, keyId: key.id }));
    await t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId: key.id, keyType: 'API_KEY' }));
    const day = new Date(clock.ms).toISOString().slice(0, 10);
    expect(await usage(planId, key.id, day, day)).toEqual([[4, 4]]);
    await t.client.send(
      new UpdateUsageCommand({ usagePlanId: planId, keyId: key.id, patchOperations: [{ op: 'replace', path: '/remaining', value: '1' }] }),
    );
    expect((await call('/health', key.value)).status).toBe(200);
    await expectError(await call('/health', key.value), 429, 'LimitExceededException', 'Limit Exceeded');
    expect(await usage(planId, key.id, day, day)).toEqual([[5, 0]]);
  });

  it('throttles per key with the plan throttle (token bucket) and does not count throttled requests', async () => {
    const planId = await planWith('slow', { throttle: { rateLimit: 1, burstLimit: 2 }, quota: 100 });
    const key = await keyInPlan(planId, 'slow-key');
    const other = await keyInPlan(planId, 'slow-key-2');
    expect((await call('/health', key.value)).status).toBe(200);
    expect((await call('/health', key.value)).status).toBe(200);
    await expectError(await call('/health', key.value), 429, 'TooManyRequestsException', 'Too Many Requests');
    expect((await call('/health', other.value)).status).toBe(200); // buckets are per key
    clock.ms += 1000; // one token back
    expect((await call('/health', key.value)).status).toBe(200);
    await expectError(await call('/health', key.value), 429, 'TooManyRequestsException', 'Too Many Requests');
    const day = new Date(clock.ms).toISOString().slice(0, 10);
    expect(await usage(planId, key.id, day, day)).toEqual([[3, 97]]);
  });

  it('applies per-method throttles from the plan only to that method', async () => {
    const planId = await planWith('per-method', { methodThrottle: { '/pets/GET': { rateLimit: 1, burstLimit: 1 } } });
    const key = await keyInPlan(planId, 'pm');
    expect((await call('/pets', key.value)).status).toBe(200);
    await expectError(await call('/pets', key.value), 429, 'TooManyRequestsException', 'Too Many Requests');
    expect((await call('/health', key.value)).status).toBe(200);
    expect((await call('/pets/1', key.value)).status).toBe(200);
  });

  it('caches GET responses per method, resource and declared cache key parameters, with x-cache and flush', async () => {
    const key = await keyInPlan(t.aws.demo.usagePlans.enterprise, 'cache');
    // Clean slate: other tests may have filled the cache.
    await t.client.send(new FlushStageCacheCommand({ restApiId: t.aws.demo.restApiId, stageName: 'prod' }));
    const first = await call('/data', key.value);
    expect(first.headers.get('x-cache')).toBe('Miss');
    const firstBody = await first.text();
    const second = await call('/data', key.value);
    expect(second.headers.get('x-cache')).toBe('Hit');
    expect(await second.text()).toBe(firstBody);
    // Undeclared query strings and headers are not part of the key (AWS); declared ones are.
    expect((await call('/data?x=1', key.value)).headers.get('x-cache')).toBe('Hit');
    expect((await call('/data', key.value, { headers: { 'x-other': '1' } })).headers.get('x-cache')).toBe('Hit');
    expect((await call('/data?category=a', key.value)).headers.get('x-cache')).toBe('Miss');
    expect((await call('/data?category=a&x=2', key.value)).headers.get('x-cache')).toBe('Hit');
    expect((await call('/data?category=b', key.value)).headers.get('x-cache')).toBe('Miss');
    expect((await call('/data', key.value, { headers: { 'accept-language': 'fr' } })).headers.get('x-cache')).toBe('Miss');
    expect((await call('/data', key.value, { headers: { 'Accept-Language': 'fr' } })).headers.get('x-cache')).toBe('Hit');
    // The path parameter of /pets/{id} is declared: each pet has its own entry.
    expect((await call('/pets/1', key.value)).headers.get('x-cache')).toBe('Miss');
    expect((await call('/pets/2', key.value)).headers.get('x-cache')).toBe('Miss');
    expect(await (await call('/pets/2?y=1', key.value)).json()).toMatchObject({ id: 2 });

    await t.client.send(new FlushStageCacheCommand({ restApiId: t.aws.demo.restApiId, stageName: 'prod' }));
    expect((await call('/data', key.value)).headers.get('x-cache')).toBe('Miss');
    expect((await call('/data', key.value)).headers.get('x-cache')).toBe('Hit');
    clock.ms += 3601_000; // /data/GET has a 3600 s TTL
    expect((await call('/data', key.value)).headers.get('x-cache')).toBe('Miss');

    await t.client.send(
      new UpdateStageCommand({ restApiId: t.aws.demo.restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/~1data/GET/caching/enabled', value: 'false' }] }),
    );
    expect((await call('/data', key.value)).headers.get('x-cache')).toBeNull();
    await t.client.send(
      new UpdateStageCommand({ restApiId: t.aws.demo.restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/~1data/GET/caching/enabled', value: 'true' }] }),
    );
  });

  it('honours Cache-Control: max-age=0 only from authorized (signed) callers when requireAuthorizationForCacheControl is on', async () => {
    const key = await keyInPlan(t.aws.demo.usagePlans.enterprise, 'cache-control');
    const apiId = t.aws.demo.restApiId;
    const setData = (path: string, value: string) =>
      t.client.send(new UpdateStageCommand({ restApiId: apiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: `/~1data/GET/caching/${path}`, value }] }));
    const fresh = { 'cache-control': 'max-age=0' };
    await t.client.send(new FlushStageCacheCommand({ restApiId: apiId, stageName: 'prod' }));
    expect((await call('/data', key.value)).headers.get('x-cache')).toBe('Miss');

    // The seed's default: authorization required, SUCCEED_WITH_RESPONSE_HEADER. An API key alone is not authorization.
    const ignored = await call('/data', key.value, { headers: fresh });
    expect(ignored.headers.get('x-cache')).toBe('Hit');
    expect(ignored.headers.get('warning')).toMatch(/not authorized/);
    expect((await call('/data', key.value)).headers.get('warning')).toBeNull();

    await setData('unauthorizedCacheControlHeaderStrategy', 'SUCCEED_WITHOUT_RESPONSE_HEADER');
    const silent = await call('/data', key.value, { headers: fresh });
    expect(silent.headers.get('x-cache')).toBe('Hit');
    expect(silent.headers.get('warning')).toBeNull();

    await setData('unauthorizedCacheControlHeaderStrategy', 'FAIL_WITH_403');
    const denied = await call('/data', key.value, { headers: fresh });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ message: expect.stringContaining('execute-api:InvalidateCache') });
    expect((await call('/data', key.value)).headers.get('x-cache')).toBe('Hit'); // a plain request still works

    // A SigV4-signed caller is authorized: its max-age=0 refetches and replaces the entry.
    // (local AWS checks the form of the SigV4 Authorization header, not the signature: it evaluates no IAM policies)
    const authorization =
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260310/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=' + 'ab'.repeat(32);
    const invalidated = await call('/data', key.value, { headers: { ...fresh, authorization } });
    expect(invalidated.headers.get('x-cache')).toBe('Miss');
    const refreshed = await invalidated.text();
    expect(await (await call('/data', key.value)).text()).toBe(refreshed);

    // With authorization not required, anyone may invalidate.
    await setData('requireAuthorizationForCacheControl', 'false');
    expect((await call('/data', key.value, { headers: fresh })).headers.get('x-cache')).toBe('Miss');
    await setData('requireAuthorizationForCacheControl', 'true');
    await setData('unauthorizedCacheControlHeaderStrategy', 'SUCCEED_WITH_RESPONSE_HEADER');
  });

  it('throttles the whole stage with the stage method settings', async () => {
    await t.client.send(
      new UpdateStageCommand({
        restApiId: t.aws.demo.restApiId,
        stageName: 'prod',
        patchOperations: [
          { op: 'replace', path: '/~1pets~1{id}/GET/throttling/rateLimit', value: '1' },
          { op: 'replace', path: '/~1pets~1{id}/GET/throttling/burstLimit', value: '1' },
        ],
      }),
    );
    const a = await keyInPlan(t.aws.demo.usagePlans.enterprise, 'stage-a');
    const b = await keyInPlan(t.aws.demo.usagePlans.enterprise, 'stage-b');
    expect((await call('/pets/1', a.value)).status).toBe(200);
    await expectError(await call('/pets/2', b.value), 429, 'TooManyRequestsException', 'Too Many Requests');
    expect((await call('/pets', b.value)).status).toBe(200);
    await t.client.send(
      new UpdateStageCommand({ restApiId: t.aws.demo.restApiId, stageName: 'prod', patchOperations: [{ op: 'remove', path: '/~1pets~1{id}/GET' }] }),
    );
    expect((await call('/pets/2', b.value)).status).toBe(200);
  });

  it('rejects GetUsage without dates or with a bad range', async () => {
    const planId = t.aws.demo.usagePlans.basic;
    expect((await rejectionOf(t.client.send(new GetUsageCommand({ usagePlanId: planId, startDate: '2026-13-01', endDate: '2026-03-01' })))).name).toBe('BadRequestException');
    expect((await rejectionOf(t.client.send(new GetUsageCommand({ usagePlanId: planId, startDate: '2026-03-02', endDate: '2026-03-01' })))).name).toBe('BadRequestException');
    expect((await rejectionOf(t.client.send(new GetUsageCommand({ usagePlanId: 'nope00', startDate: '2026-03-01', endDate: '2026-03-01' })))).name).toBe('NotFoundException');
  });

  it('answers GetUsage for at most 90 days per request, like AWS, and a BadRequestException beyond', async () => {
    const planId = t.aws.demo.usagePlans.basic;
    const ninety = await t.client.send(new GetUsageCommand({ usagePlanId: planId, startDate: '2026-01-01', endDate: '2026-03-31', limit: 1 }));
    expect(ninety.startDate).toBe('2026-01-01');
    for (const days of Object.values(ninety.items ?? {})) expect(days).toHaveLength(90);
    const tooLong = await rejectionOf(t.client.send(new GetUsageCommand({ usagePlanId: planId, startDate: '2026-01-01', endDate: '2026-04-01' })));
    expect(tooLong.name).toBe('BadRequestException');
    expect(tooLong.message).toContain('90 days');
    expect((tooLong as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(400);
    const year = await rejectionOf(t.client.send(new GetUsageCommand({ usagePlanId: planId, startDate: '2025-01-01', endDate: '2025-12-31' })));
    expect(year.name).toBe('BadRequestException');
  });
});

describe('GetUsage pagination over keys', () => {
  it('pages the values map by key', async () => {
    const t = await startTestAws();
    try {
      const planId = t.aws.demo.usagePlans.premium;
      for (let i = 0; i < 27; i++) {
        const key = await t.client.send(new CreateApiKeyCommand({ name: `u${i}`, enabled: true }));
        await t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId: key.id, keyType: 'API_KEY' }));
      }
      const day = new Date().toISOString().slice(0, 10);
      const first = await t.client.send(new GetUsageCommand({ usagePlanId: planId, startDate: day, endDate: day }));
      expect(Object.keys(first.items!)).toHaveLength(25);
      expect(first.position).toEqual(expect.any(String));
      const second = await t.client.send(new GetUsageCommand({ usagePlanId: planId, startDate: day, endDate: day, position: first.position }));
      expect(Object.keys(second.items!)).toHaveLength(2);
      expect(second.position).toBeUndefined();
      expect(Object.values(second.items!)).toEqual([[[0, 10000]], [[0, 10000]]]);
    } finally {
      await t.close();
    }
  });
});

describe('data-plane metrics', () => {
  it('records Count, 4XXError, 5XXError, Latency and cache counts in AWS/ApiGateway', async () => {
    const t = await startTestAws();
    const cw = new CloudWatchClient({ region: 'us-east-1', endpoint: t.aws.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    try {
      const key = await t.client.send(new CreateApiKeyCommand({ name: 'm', enabled: true }));
      await t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: t.aws.demo.usagePlans.enterprise, keyId: key.id, keyType: 'API_KEY' }));
      const headers = { 'x-api-key': key.value! };
      for (let i = 0; i < 3; i++) expect((await fetch(t.invokeUrl('/pets'), { headers })).status).toBe(200); // Miss, Hit, Hit
      for (let i = 0; i < 2; i++) expect((await fetch(t.invokeUrl('/pets'))).status).toBe(403);
      const sum = async (MetricName: string) => {
        const out = await cw.send(
          new GetMetricStatisticsCommand({
            Namespace: 'AWS/ApiGateway',
            MetricName,
            Dimensions: [
              { Name: 'ApiName', Value: 'gatehouse-demo-api' },
              { Name: 'Stage', Value: 'prod' },
            ],
            StartTime: new Date(Date.now() - 3600_000),
            EndTime: new Date(Date.now() + 3600_000),
            Period: 60,
            Statistics: ['Sum', 'SampleCount'],
          }),
        );
        return (out.Datapoints ?? []).reduce((s, d) => s + (d.Sum ?? 0), 0);
      };
      expect(await sum('Count')).toBe(5);
      expect(await sum('4XXError')).toBe(2);
      expect(await sum('5XXError')).toBe(0);
      expect(await sum('CacheHitCount')).toBe(2);
      expect(await sum('CacheMissCount')).toBe(1);
      expect(await sum('Latency')).toBeGreaterThan(0);
      expect(await sum('IntegrationLatency')).toBeGreaterThan(0);
    } finally {
      cw.destroy();
      await t.close();
    }
  });
});

describe('weekly and monthly quotas (frozen clock)', () => {
  it('resets a WEEK quota on Monday 00:00 UTC and a MONTH quota on the 1st', async () => {
    const clock = { ms: Date.UTC(2026, 2, 29, 23, 0) }; // Sunday 2026-03-29 23:00 UTC
    const t = await startTestAws({ now: () => clock.ms });
    try {
      const apiStages = [{ apiId: t.aws.demo.restApiId, stage: 'prod' }];
      const weekly = await t.client.send(new CreateUsagePlanCommand({ name: 'weekly', apiStages, quota: { limit: 2, period: 'WEEK' } }));
      const monthly = await t.client.send(new CreateUsagePlanCommand({ name: 'monthly', apiStages, quota: { limit: 2, period: 'MONTH' } }));
      const wKey = await t.client.send(new CreateApiKeyCommand({ name: 'w', enabled: true }));
      const mKey = await t.client.send(new CreateApiKeyCommand({ name: 'm', enabled: true }));
      await t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: weekly.id, keyId: wKey.id, keyType: 'API_KEY' }));
      await t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: monthly.id, keyId: mKey.id, keyType: 'API_KEY' }));
      const get = (key: string | undefined) => fetch(`${t.aws.url}/restapis/${t.aws.demo.restApiId}/prod/_user_request_/health`, { headers: { 'x-api-key': key ?? '' } });
      expect((await get(wKey.value)).status).toBe(200);
      expect((await get(wKey.value)).status).toBe(200);
      expect((await get(wKey.value)).status).toBe(429);
      clock.ms += 2 * 3600_000; // Monday 01:00
      expect((await get(wKey.value)).status).toBe(200);
      const usage = await t.client.send(new GetUsageCommand({ usagePlanId: weekly.id, startDate: '2026-03-29', endDate: '2026-03-30' }));
      expect(usage.items?.[wKey.id!]).toEqual([
        [2, 0],
        [1, 1],
      ]);

      clock.ms = Date.UTC(2026, 2, 31, 12, 0); // Tuesday 31 March
      expect((await get(mKey.value)).status).toBe(200);
      expect((await get(mKey.value)).status).toBe(200);
      expect((await get(mKey.value)).status).toBe(429);
      clock.ms = Date.UTC(2026, 3, 1, 0, 0, 1); // 1 April
      expect((await get(mKey.value)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('detailed (per-method) metrics', () => {
  it('are recorded with ApiName, Method, Resource and Stage once the stage enables metrics', async () => {
    const t = await startTestAws();
    const cw = new CloudWatchClient({ region: 'us-east-1', endpoint: t.aws.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    try {
      const key = await t.client.send(new CreateApiKeyCommand({ name: 'detailed', enabled: true }));
      await t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: t.aws.demo.usagePlans.enterprise, keyId: key.id, keyType: 'API_KEY' }));
      const headers = { 'x-api-key': key.value! };
      const sum = async (MetricName: string, method?: string, resource?: string) => {
        const out = await cw.send(
          new GetMetricStatisticsCommand({
            Namespace: 'AWS/ApiGateway',
            MetricName,
            Dimensions: [
              { Name: 'ApiName', Value: 'gatehouse-demo-api' },
              { Name: 'Stage', Value: 'prod' },
              ...(method ? [{ Name: 'Method', Value: method }] : []),
              ...(resource ? [{ Name: 'Resource', Value: resource }] : []),
            ],
            StartTime: new Date(Date.now() - 3600_000),
            EndTime: new Date(Date.now() + 3600_000),
            Period: 60,
            Statistics: ['Sum'],
          }),
        );
        return (out.Datapoints ?? []).reduce((s, d) => s + (d.Sum ?? 0), 0);
      };
      // Off by default (as in AWS): stage-level only.
      expect((await fetch(t.invokeUrl('/pets/1'), { headers })).status).toBe(200);
      expect(await sum('Count', 'GET', '/pets/{id}')).toBe(0);

      await t.client.send(
        new UpdateStageCommand({ restApiId: t.aws.demo.restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/*/*/metrics/enabled', value: 'true' }] }),
      );
      expect((await fetch(t.invokeUrl('/pets/1'), { headers })).status).toBe(200);
      expect((await fetch(t.invokeUrl('/pets/999'), { headers })).status).toBe(404);
      expect((await fetch(t.invokeUrl('/pets'), { headers, method: 'POST', body: '{"name":"x"}' })).status).toBe(201);
      expect(await sum('Count', 'GET', '/pets/{id}')).toBe(2);
      expect(await sum('4XXError', 'GET', '/pets/{id}')).toBe(1);
      expect(await sum('Count', 'POST', '/pets')).toBe(1);
      expect(await sum('Count')).toBe(4);
    } finally {
      cw.destroy();
      await t.close();
    }
  });
});
