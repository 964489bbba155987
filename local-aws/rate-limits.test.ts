import { CreateApiKeyCommand, GetApiKeysCommand, UpdateUsagePlanCommand } from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { rejectionOf, startTestAws } from './test-helpers';

// Every test runs local AWS on a clock of its own that moves only when the test moves it: what refills the buckets
// is the time the test says has passed, never how fast a loaded machine happens to run it.
function manualClock(start = Date.UTC(2026, 11, 3, 12)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('control-plane rate limits', () => {
  it('throttles CreateApiKey at 5/s with TooManyRequestsException and Retry-After', async () => {
    const clock = manualClock();
    const t = await startTestAws({ rateLimits: true, now: clock.now });
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
      // The bucket refills at 5 per second: one second later, five more keys and no sixth.
      clock.advance(1_000);
      const refilled = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => t.client.send(new CreateApiKeyCommand({ name: `later-${i}` }))));
      expect(refilled.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    } finally {
      await t.close();
    }
  });

  it('allows one UpdateUsagePlan per 20 seconds', async () => {
    const clock = manualClock();
    const t = await startTestAws({ rateLimits: true, now: clock.now });
    try {
      const update = (name: string) =>
        t.client.send(new UpdateUsagePlanCommand({ usagePlanId: t.aws.demo.usagePlans.basic, patchOperations: [{ op: 'replace', path: '/description', value: name }] }));
      await update('one');
      const second = await rejectionOf(update('two'));
      expect(second.name).toBe('TooManyRequestsException');
      const raw = await fetch(`${t.aws.url}/usageplans/${t.aws.demo.usagePlans.basic}`, { method: 'PATCH', body: '{"patchOperations":[]}' });
      expect(raw.status).toBe(429);
      expect(Number(raw.headers.get('retry-after'))).toBe(20);
      clock.advance(5_000);
      const later = await fetch(`${t.aws.url}/usageplans/${t.aws.demo.usagePlans.basic}`, { method: 'PATCH', body: '{"patchOperations":[]}' });
      expect(later.status).toBe(429);
      expect(later.headers.get('retry-after')).toBe('15');
      clock.advance(15_000);
      await update('four');
      expect((await rejectionOf(update('five'))).name).toBe('TooManyRequestsException');
    } finally {
      await t.close();
    }
  });

  it('limits all control-plane calls to a burst of 40 then 10/s', async () => {
    const clock = manualClock();
    const t = await startTestAws({ rateLimits: true, now: clock.now });
    try {
      const burst = await Promise.allSettled(Array.from({ length: 60 }, () => t.client.send(new GetApiKeysCommand({}))));
      expect(burst.filter((r) => r.status === 'fulfilled')).toHaveLength(40);
      const rejected = burst.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect((rejected?.reason as Error).name).toBe('TooManyRequestsException');
      // Half a second refills five tokens, one second ten: never more than the burst.
      clock.advance(500);
      const half = await Promise.allSettled(Array.from({ length: 20 }, () => t.client.send(new GetApiKeysCommand({}))));
      expect(half.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
      clock.advance(60_000);
      const full = await Promise.allSettled(Array.from({ length: 60 }, () => t.client.send(new GetApiKeysCommand({}))));
      expect(full.filter((r) => r.status === 'fulfilled')).toHaveLength(40);
    } finally {
      await t.close();
    }
  });

  it('can be switched off and on at runtime with POST /_localaws/config', async () => {
    const t = await startTestAws({ rateLimits: true, now: manualClock().now });
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
