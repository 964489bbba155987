import { CreateApiKeyCommand, GetApiKeysCommand, UpdateUsagePlanCommand } from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { rejectionOf, startTestAws } from './test-helpers';

describe('control-plane rate limits', () => {
  it('throttles CreateApiKey at 5/s with TooManyRequestsException and Retry-After', async () => {
    // A stopped clock: no token comes back during the test, however slowly a loaded machine runs it.
    const t = await startTestAws({ rateLimits: true, now: () => Date.UTC(2026, 11, 3, 12) });
    try {
      const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => t.client.send(new CreateApiKeyCommand({ name: `rl-${i}` }))));
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      const created = results.length - rejected.length;
      expect(rejected.length).toBeGreaterThanOrEqual(1);
      expect(created).toBeGreaterThanOrEqual(5);
      const error = rejected[0]!.reason as Error & { $metadata?: { httpStatusCode?: number } };
      expect(error.name).toBe('TooManyRequestsException');
      expect(error.$metadata?.httpStatusCode).toBe(429);

      let raw: Response | undefined;
      let extra = 0;
      for (let i = 0; i < 10; i++) {
        raw = await fetch(`${t.aws.url}/apikeys`, { method: 'POST', body: '{"name":"raw"}', headers: { 'content-type': 'application/json' } });
        if (raw.status === 429) break;
        extra++;
      }
      expect(raw?.status).toBe(429);
      expect(raw?.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
      expect(Number(raw?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await raw?.json()).toEqual({ message: 'Too Many Requests' });
      // Other operations still have room in the account-wide bucket.
      expect((await t.client.send(new GetApiKeysCommand({}))).items).toHaveLength(created + extra);
    } finally {
      await t.close();
    }
  });

  it('allows one UpdateUsagePlan per 20 seconds', async () => {
    const t = await startTestAws({ rateLimits: true });
    try {
      const update = (name: string) =>
        t.client.send(new UpdateUsagePlanCommand({ usagePlanId: t.aws.demo.usagePlans.basic, patchOperations: [{ op: 'replace', path: '/description', value: name }] }));
      await update('one');
      const second = await rejectionOf(update('two'));
      expect(second.name).toBe('TooManyRequestsException');
      const raw = await fetch(`${t.aws.url}/usageplans/${t.aws.demo.usagePlans.basic}`, { method: 'PATCH', body: '{"patchOperations":[]}' });
      expect(raw.status).toBe(429);
      const retryAfter = Number(raw.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(19);
      expect(retryAfter).toBeLessThanOrEqual(20);
    } finally {
      await t.close();
    }
  });

  it('limits all control-plane calls to a burst of 40 then 10/s', async () => {
    const t = await startTestAws({ rateLimits: true });
    try {
      const started = Date.now();
      const results = await Promise.allSettled(Array.from({ length: 60 }, () => t.client.send(new GetApiKeysCommand({}))));
      const seconds = (Date.now() - started) / 1000;
      const ok = results.filter((r) => r.status === 'fulfilled').length;
      // 40 from the burst plus whatever refilled (10/s) while the calls were in flight.
      expect(ok).toBeGreaterThanOrEqual(40);
      expect(ok).toBeLessThanOrEqual(40 + Math.ceil(seconds * 10));
      expect(ok).toBeLessThan(60);
      const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect((rejected?.reason as Error).name).toBe('TooManyRequestsException');
    } finally {
      await t.close();
    }
  });

  it('can be switched off and on at runtime with POST /_localaws/config', async () => {
    const t = await startTestAws({ rateLimits: true });
    try {
      const off = await fetch(`${t.aws.url}/_localaws/config`, { method: 'POST', body: JSON.stringify({ rateLimits: false }) });
      expect(await off.json()).toMatchObject({ rateLimits: false });
      const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => t.client.send(new CreateApiKeyCommand({ name: `off-${i}` }))));
      expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
      await fetch(`${t.aws.url}/_localaws/config`, { method: 'POST', body: JSON.stringify({ rateLimits: true }) });
      const again = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => t.client.send(new CreateApiKeyCommand({ name: `on-${i}` }))));
      expect(again.some((r) => r.status === 'rejected')).toBe(true);
      const bad = await fetch(`${t.aws.url}/_localaws/config`, { method: 'POST', body: JSON.stringify({ rateLimits: 'yes' }) });
      expect(bad.status).toBe(400);
    } finally {
      await t.close();
    }
  });
});
