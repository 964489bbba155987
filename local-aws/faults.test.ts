import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  GetApiKeysCommand,
  GetUsageCommand,
  GetUsagePlansCommand,
} from '@aws-sdk/client-api-gateway';
import { CloudWatchClient, GetMetricStatisticsCommand, ListMetricsCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FaultRuleError, Faults, parseFaultSpec } from './faults';
import { rejectionOf, startTestAws, todayUtc, type TestAws } from './test-helpers';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

describe('fault rules', () => {
  it('parses CLI specs', () => {
    expect(parseFaultSpec('CreateApiKey:error=0.2:kind=5xx')).toEqual({ operation: 'CreateApiKey', errorRate: 0.2, kind: '5xx', latencyMs: 0, dropRate: 0 });
    expect(parseFaultSpec('*:latency=50')).toEqual({ operation: '*', errorRate: 0, kind: '5xx', latencyMs: 50, dropRate: 0 });
    expect(parseFaultSpec('dataplane:drop=0.01')).toMatchObject({ operation: 'dataplane', dropRate: 0.01 });
    expect(parseFaultSpec('cloudwatch:*:error=0.1:kind=throttle')).toMatchObject({ operation: 'cloudwatch:*', errorRate: 0.1, kind: 'throttle' });
    expect(parseFaultSpec('PutMetricData:errorRate=1:latencyMs=5')).toMatchObject({ operation: 'PutMetricData', errorRate: 1, latencyMs: 5 });
    for (const bad of ['CreateApiKeys:error=0.1', 'CreateApiKey', 'CreateApiKey:error=2', 'CreateApiKey:kind=slow:error=1', 'CreateApiKey:colour=red', 'error=1']) {
      expect(() => parseFaultSpec(bad), bad).toThrow(FaultRuleError);
    }
  });

  it('applies every matching rule: latencies add up, * covers both control planes but not the data plane', () => {
    const faults = new Faults({
      rules: [
        { operation: '*', latencyMs: 10 },
        { operation: 'CreateApiKey', latencyMs: 5, errorRate: 1, kind: 'throttle' },
        { operation: 'cloudwatch:*', errorRate: 1 },
      ],
    });
    expect(faults.decide('apigateway', 'CreateApiKey')).toEqual({ latencyMs: 15, drop: false, error: 'throttle' });
    expect(faults.decide('apigateway', 'GetApiKeys')).toEqual({ latencyMs: 10, drop: false, error: undefined });
    expect(faults.decide('cloudwatch', 'PutMetricData')).toEqual({ latencyMs: 10, drop: false, error: '5xx' });
    expect(faults.decide('dataplane', 'dataplane')).toBeUndefined();
    faults.clear();
    expect(faults.decide('apigateway', 'CreateApiKey')).toBeUndefined();
  });

  it('is reproducible with a seed', () => {
    const draw = (seed: number) => {
      const f = new Faults({ seed, rules: [{ operation: 'dataplane', errorRate: 0.5 }] });
      return Array.from({ length: 40 }, () => (f.decide('dataplane', 'dataplane')?.error ? 'x' : '.')).join('');
    };
    expect(draw(7)).toBe(draw(7));
    expect(draw(7)).not.toBe(draw(8));
    expect(draw(7)).toMatch(/x/);
    expect(draw(7)).toMatch(/\./);
  });
});

describe('fault injection against the real SDKs', () => {
  let t: TestAws;
  let cw: CloudWatchClient;
  beforeAll(async () => {
    t = await startTestAws({ faultSeed: 1 });
    cw = new CloudWatchClient({ region: 'us-east-1', endpoint: t.aws.url, credentials, maxAttempts: 1 });
  });
  afterAll(async () => {
    cw.destroy();
    await t.close();
  });
  afterEach(() => t.aws.faults.clear());

  it('5xx: API Gateway answers ServiceUnavailableException 503 in its restJson shape; other operations are untouched', async () => {
    t.aws.faults.set([{ operation: 'CreateApiKey', errorRate: 1, kind: '5xx' }]);
    const error = await rejectionOf(t.client.send(new CreateApiKeyCommand({ name: 'never' })));
    expect(error.name).toBe('ServiceUnavailableException');
    expect(error.message).toBe('Service Unavailable');
    expect(error.$metadata?.httpStatusCode).toBe(503);
    expect((await t.client.send(new GetApiKeysCommand({}))).items?.some((k) => k.name === 'never')).toBe(false);
    const raw = await fetch(`${t.aws.url}/apikeys`, { method: 'POST', body: '{"name":"raw"}' });
    expect(raw.status).toBe(503);
    expect(raw.headers.get('x-amzn-errortype')).toBe('ServiceUnavailableException');
    expect(await raw.json()).toEqual({ message: 'Service Unavailable' });
  });

  it('throttle: API Gateway answers TooManyRequestsException 429 with Retry-After', async () => {
    const key = await t.client.send(new CreateApiKeyCommand({ name: 'throttled', enabled: true }));
    t.aws.faults.set([{ operation: 'CreateUsagePlanKey', errorRate: 1, kind: 'throttle' }]);
    const error = await rejectionOf(t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: t.aws.demo.usagePlans.basic, keyId: key.id, keyType: 'API_KEY' })));
    expect(error.name).toBe('TooManyRequestsException');
    expect(error.$metadata?.httpStatusCode).toBe(429);
    const raw = await fetch(`${t.aws.url}/usageplans/${t.aws.demo.usagePlans.basic}/keys`, { method: 'POST', body: JSON.stringify({ keyId: key.id, keyType: 'API_KEY' }) });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
    expect(raw.headers.get('retry-after')).toBe('1');
    expect(await raw.json()).toEqual({ message: 'Too Many Requests' });
  });

  it('latency: delays the answer by latencyMs', async () => {
    const timed = async () => {
      const started = performance.now();
      await t.client.send(new GetUsagePlansCommand({}));
      return performance.now() - started;
    };
    t.aws.faults.set([{ operation: '*', latencyMs: 200 }]);
    expect(await timed()).toBeGreaterThanOrEqual(195);
    t.aws.faults.clear();
    expect(await timed()).toBeLessThan(150);
  });

  it('drop: destroys the connection without an answer', async () => {
    t.aws.faults.set([{ operation: 'GetApiKeys', dropRate: 1 }]);
    const error = await rejectionOf(t.client.send(new GetApiKeysCommand({})));
    expect(`${(error as { code?: string }).code ?? ''} ${error.message}`).toMatch(/ECONNRESET|socket hang up/);
    expect(error.$metadata?.httpStatusCode).toBeUndefined();
  });

  it('CloudWatch answers in its awsJson query-compatible shape: 5xx → ServiceUnavailable 503, throttle → Throttling 400', async () => {
    const put = () => cw.send(new PutMetricDataCommand({ Namespace: 'Test/Faults', MetricData: [{ MetricName: 'M', Value: 1 }] }));
    t.aws.faults.set([{ operation: 'PutMetricData', errorRate: 1, kind: '5xx' }]);
    const unavailable = await rejectionOf(put());
    expect(unavailable.name).toBe('ServiceUnavailable');
    expect(unavailable.$metadata?.httpStatusCode).toBe(503);
    // Reads are untouched by a rule for PutMetricData.
    await cw.send(new ListMetricsCommand({ Namespace: 'Test/Faults' }));

    t.aws.faults.set([{ operation: 'cloudwatch:*', errorRate: 1, kind: 'throttle' }]);
    const throttled = await rejectionOf(put());
    expect(throttled.name).toBe('Throttling');
    expect(throttled.message).toBe('Rate exceeded');
    expect(throttled.$metadata?.httpStatusCode).toBe(400);
    const raw = await fetch(`${t.aws.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'GraniteServiceVersion20100801.ListMetrics' },
      body: '{}',
    });
    expect(raw.headers.get('x-amzn-query-error')).toBe('Throttling;Sender');
    expect(await raw.json()).toEqual({ __type: 'com.amazonaws.cloudwatch#Throttling', message: 'Rate exceeded' });
    // API Gateway is untouched by a CloudWatch rule.
    await t.client.send(new GetApiKeysCommand({}));

    t.aws.faults.set([{ operation: 'cloudwatch:*', dropRate: 1 }]);
    const dropped = await rejectionOf(put());
    expect(dropped.$metadata?.httpStatusCode).toBeUndefined();
    t.aws.faults.clear();
    await put();
  });

  it('data plane: 503, 429 with Retry-After and dropped connections, none of which count as usage', async () => {
    const key = await t.client.send(new CreateApiKeyCommand({ name: 'dp-faults', enabled: true }));
    await t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: t.aws.demo.usagePlans.premium, keyId: key.id, keyType: 'API_KEY' }));
    const call = () => fetch(t.invokeUrl('/health'), { headers: { 'x-api-key': key.value! } });

    t.aws.faults.set([{ operation: 'dataplane', errorRate: 1, kind: '5xx' }]);
    const unavailable = await call();
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('x-amzn-errortype')).toBe('ServiceUnavailableException');
    expect(await unavailable.json()).toEqual({ message: 'Service Unavailable' });

    t.aws.faults.set([{ operation: 'dataplane', errorRate: 1, kind: 'throttle' }]);
    const throttled = await call();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(await throttled.json()).toEqual({ message: 'Too Many Requests' });

    t.aws.faults.set([{ operation: 'dataplane', dropRate: 1 }]);
    await expect(call()).rejects.toThrow();

    // Control-plane rules do not touch the data plane.
    t.aws.faults.set([{ operation: '*', errorRate: 1 }]);
    expect((await call()).status).toBe(200);
    t.aws.faults.clear();
    expect((await call()).status).toBe(200);

    const day = todayUtc();
    const usage = await t.client.send(new GetUsageCommand({ usagePlanId: t.aws.demo.usagePlans.premium, keyId: key.id, startDate: day, endDate: day }));
    expect(usage.items?.[key.id!]).toEqual([[2, 9998]]);
    const fiveXx = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace: 'AWS/ApiGateway',
        MetricName: '5XXError',
        Dimensions: [
          { Name: 'ApiName', Value: 'gatehouse-demo-api' },
          { Name: 'Stage', Value: 'prod' },
        ],
        StartTime: new Date(Date.now() - 3600_000),
        EndTime: new Date(Date.now() + 3600_000),
        Period: 3600 * 2,
        Statistics: ['Sum'],
      }),
    );
    expect(fiveXx.Datapoints?.reduce((s, d) => s + (d.Sum ?? 0), 0)).toBe(1);
  });

  it('is seedable through POST /_localaws/faults: the same seed gives the same failures', async () => {
    const pattern = async () => {
      const res = await fetch(`${t.aws.url}/_localaws/faults`, {
        method: 'POST',
        body: JSON.stringify({ seed: 42, rules: [{ operation: 'GetUsagePlans', errorRate: 0.5, kind: '5xx' }] }),
      });
      expect(res.status).toBe(200);
      let out = '';
      for (let i = 0; i < 24; i++) {
        out += await t.client.send(new GetUsagePlansCommand({})).then(
          () => '.',
          () => 'x',
        );
      }
      return out;
    };
    const first = await pattern();
    expect(first).toMatch(/x/);
    expect(first).toMatch(/\./);
    expect(await pattern()).toBe(first);
  });

  it('the SDK default retries (3 attempts) get through a 30% 5xx rate in most calls', async () => {
    const retrying = new APIGatewayClient({ region: 'us-east-1', endpoint: t.aws.url, credentials }); // default maxAttempts: 3
    try {
      const run = async (client: APIGatewayClient) => {
        let ok = 0;
        for (let batch = 0; batch < 10; batch++) {
          const results = await Promise.allSettled(Array.from({ length: 10 }, () => client.send(new GetUsagePlansCommand({}))));
          ok += results.filter((r) => r.status === 'fulfilled').length;
        }
        return ok;
      };
      t.aws.faults.set([{ operation: 'GetUsagePlans', errorRate: 0.3, kind: '5xx' }], { seed: 3 });
      const single = await run(t.client); // maxAttempts: 1
      expect(single).toBeLessThanOrEqual(85);
      t.aws.faults.set([{ operation: 'GetUsagePlans', errorRate: 0.3, kind: '5xx' }], { seed: 3 });
      const withRetries = await run(retrying);
      // 0.3³ ≈ 2.7% of calls fail all three attempts.
      expect(withRetries).toBeGreaterThanOrEqual(92);
      expect(withRetries).toBeGreaterThan(single);
    } finally {
      retrying.destroy();
    }
  }, 30_000);

  it('GET lists, POST replaces and DELETE clears the rules; bad rules answer 400', async () => {
    const url = `${t.aws.url}/_localaws/faults`;
    const rules = [{ operation: 'CreateUsagePlanKey', errorRate: 0.2, kind: '5xx', latencyMs: 0, dropRate: 0 }];
    const set = await fetch(url, { method: 'POST', body: JSON.stringify({ rules, seed: 5 }) });
    expect(await set.json()).toEqual({ rules, seed: 5 });
    expect(await (await fetch(url)).json()).toEqual({ rules, seed: 5 });
    expect(t.aws.faults.list()).toEqual(rules);
    const replaced = await fetch(url, { method: 'POST', body: JSON.stringify({ rules: [{ operation: 'dataplane', dropRate: 0.01 }] }) });
    expect(((await replaced.json()) as { rules: unknown[] }).rules).toEqual([{ operation: 'dataplane', errorRate: 0, kind: '5xx', latencyMs: 0, dropRate: 0.01 }]);
    expect(((await (await fetch(url, { method: 'DELETE' })).json()) as { rules: unknown[] }).rules).toEqual([]);
    for (const bad of [
      { rules: [{ operation: 'CreateApiKey', errorRate: 2 }] },
      { rules: [{ operation: 'NoSuchOperation', errorRate: 0.1 }] },
      { rules: [{ operation: 'CreateApiKey', errorRate: 0.1, kind: 'slow' }] },
      { rules: [{ operation: 'CreateApiKey', latencyMs: -1 }] },
      { rule: [] },
    ]) {
      const res = await fetch(url, { method: 'POST', body: JSON.stringify(bad) });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect(t.aws.faults.list()).toEqual([]);
  });
});

describe('fault flags on the CLI', () => {
  it('starts with --fault rules (repeatable) and --fault-seed', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'cli.ts'), '--port', '0', '--memory', '--fault', 'CreateApiKey:error=1:kind=5xx', '--fault', '*:latency=5', '--fault-seed', '9'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`cli exited early with ${code}`)));
      });
      const url = /listening on (\S+)/.exec(line)![1]!;
      const listed = (await (await fetch(`${url}/_localaws/faults`)).json()) as { rules: { operation: string }[]; seed: number };
      expect(listed.rules.map((r) => r.operation)).toEqual(['CreateApiKey', '*']);
      expect(listed.seed).toBe(9);
      const client = new APIGatewayClient({ region: 'us-east-1', endpoint: url, credentials, maxAttempts: 1 });
      expect((await rejectionOf(client.send(new CreateApiKeyCommand({ name: 'x' })))).name).toBe('ServiceUnavailableException');
      client.destroy();
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('refuses a bad --fault with exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'cli.ts'), '--port', '0', '--memory', '--fault', 'Nope:error=1'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('unknown operation "Nope"');
  });
});
