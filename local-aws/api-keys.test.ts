import {
  CreateApiKeyCommand,
  DeleteApiKeyCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  UpdateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  GetUsagePlanKeysCommand,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf, startTestAws, type TestAws } from './test-helpers';

describe('API keys (control plane, real SDK)', () => {
  let t: TestAws;
  beforeAll(async () => {
    t = await startTestAws();
  });
  afterAll(() => t.close());

  it('creates a key with a generated 40-character value and a 10-character lowercase id', async () => {
    const before = Math.floor(Date.now() / 1000);
    const key = await t.client.send(
      new CreateApiKeyCommand({ name: 'gen', enabled: true, customerId: 'c-1', tags: { team: 'a' }, stageKeys: [{ restApiId: t.aws.demo.restApiId, stageName: 'prod' }] }),
    );
    expect(key.id).toMatch(/^[a-z0-9]{10}$/);
    expect(key.value).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(key.name).toBe('gen');
    expect(key.enabled).toBe(true);
    expect(key.customerId).toBe('c-1');
    expect(key.tags).toEqual({ team: 'a' });
    expect(key.stageKeys).toEqual([`${t.aws.demo.restApiId}/prod`]);
    expect(key.createdDate).toBeInstanceOf(Date);
    expect(Math.abs(key.createdDate!.getTime() / 1000 - before)).toBeLessThan(5);
  });

  it('creates disabled keys unless enabled is given, as the AWS API does', async () => {
    const key = await t.client.send(new CreateApiKeyCommand({ name: 'default-disabled' }));
    expect(key.enabled).toBe(false);
  });

  it('returns the value from GetApiKey only with includeValue', async () => {
    const created = await t.client.send(new CreateApiKeyCommand({ name: 'v', value: 'v'.repeat(20) + 'abcdefghij', enabled: true }));
    const without = await t.client.send(new GetApiKeyCommand({ apiKey: created.id }));
    expect(without.value).toBeUndefined();
    expect(without.name).toBe('v');
    const withValue = await t.client.send(new GetApiKeyCommand({ apiKey: created.id, includeValue: true }));
    expect(withValue.value).toBe('v'.repeat(20) + 'abcdefghij');
  });

  it('rejects a duplicate value with ConflictException and a short value with BadRequestException', async () => {
    const value = 'dup-value-0123456789-xyz';
    await t.client.send(new CreateApiKeyCommand({ name: 'dup1', value }));
    const dup = await rejectionOf(t.client.send(new CreateApiKeyCommand({ name: 'dup2', value })));
    expect(dup.name).toBe('ConflictException');
    expect(dup.$metadata?.httpStatusCode).toBe(409);
    const short = await rejectionOf(t.client.send(new CreateApiKeyCommand({ name: 'short', value: 'too-short' })));
    expect(short.name).toBe('BadRequestException');
    expect(short.$metadata?.httpStatusCode).toBe(400);
    expect(short.message).toBe('API Key value should be at least 20 characters');
  });

  it('answers NotFoundException for unknown keys', async () => {
    const err = await rejectionOf(t.client.send(new GetApiKeyCommand({ apiKey: 'nosuchkey0' })));
    expect(err.name).toBe('NotFoundException');
    expect(err.$metadata?.httpStatusCode).toBe(404);
    expect(err.message).toBe('Invalid API Key identifier specified');
    expect((await rejectionOf(t.client.send(new DeleteApiKeyCommand({ apiKey: 'nosuchkey0' })))).name).toBe('NotFoundException');
  });

  it('pages with limit/position and filters by name prefix, customerId and includeValues', async () => {
    for (let i = 0; i < 30; i++) {
      await t.client.send(new CreateApiKeyCommand({ name: `page-${i}`, customerId: i % 3 === 0 ? 'cust-page' : 'other', enabled: true }));
    }
    const first = await t.client.send(new GetApiKeysCommand({ nameQuery: 'page-' }));
    expect(first.items).toHaveLength(25);
    expect(first.position).toEqual(expect.any(String));
    expect(first.items!.every((k) => k.value === undefined)).toBe(true);
    const second = await t.client.send(new GetApiKeysCommand({ nameQuery: 'page-', position: first.position }));
    expect(second.items).toHaveLength(5);
    expect(second.position).toBeUndefined();
    const names = [...first.items!, ...second.items!].map((k) => k.name);
    expect(new Set(names).size).toBe(30);
    expect(names[0]).toBe('page-0');
    expect(names[29]).toBe('page-29');

    const small = await t.client.send(new GetApiKeysCommand({ nameQuery: 'page-', limit: 7 }));
    expect(small.items).toHaveLength(7);

    // "page-1" prefixes page-1 and page-10..page-19
    const prefixed = await t.client.send(new GetApiKeysCommand({ nameQuery: 'page-1', limit: 500 }));
    expect(prefixed.items!.map((k) => k.name).sort()).toEqual(['page-1', ...Array.from({ length: 10 }, (_, i) => `page-1${i}`)].sort());

    const byCustomer = await t.client.send(new GetApiKeysCommand({ customerId: 'cust-page', includeValues: true, limit: 500 }));
    expect(byCustomer.items).toHaveLength(10);
    expect(byCustomer.items!.every((k) => k.customerId === 'cust-page' && k.value?.length === 40)).toBe(true);
  });

  it('rejects limit above 500 and a garbage position', async () => {
    expect((await rejectionOf(t.client.send(new GetApiKeysCommand({ limit: 501 })))).name).toBe('BadRequestException');
    expect((await rejectionOf(t.client.send(new GetApiKeysCommand({ position: 'garbage' })))).name).toBe('BadRequestException');
  });

  it('updates enabled, name, description and customerId with patch operations', async () => {
    const key = await t.client.send(new CreateApiKeyCommand({ name: 'upd', enabled: true }));
    const updated = await t.client.send(
      new UpdateApiKeyCommand({
        apiKey: key.id,
        patchOperations: [
          { op: 'replace', path: '/enabled', value: 'false' },
          { op: 'replace', path: '/name', value: 'renamed' },
          { op: 'replace', path: '/description', value: 'desc' },
          { op: 'replace', path: '/customerId', value: 'cust-9' },
        ],
      }),
    );
    expect(updated).toMatchObject({ id: key.id, enabled: false, name: 'renamed', description: 'desc', customerId: 'cust-9' });
    const bad = await rejectionOf(t.client.send(new UpdateApiKeyCommand({ apiKey: key.id, patchOperations: [{ op: 'replace', path: '/value', value: 'x' }] })));
    expect(bad.name).toBe('BadRequestException');
    expect((await t.client.send(new GetApiKeyCommand({ apiKey: key.id }))).name).toBe('renamed');
  });

  it('DeleteApiKey also removes the key from its usage plans', async () => {
    const key = await t.client.send(new CreateApiKeyCommand({ name: 'to-delete', enabled: true }));
    const planId = t.aws.demo.usagePlans.premium;
    await t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId: key.id, keyType: 'API_KEY' }));
    expect((await t.client.send(new GetUsagePlanKeysCommand({ usagePlanId: planId }))).items!.map((k) => k.id)).toContain(key.id);
    const deleted = await t.client.send(new DeleteApiKeyCommand({ apiKey: key.id }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    expect((await t.client.send(new GetUsagePlanKeysCommand({ usagePlanId: planId }))).items!.map((k) => k.id)).not.toContain(key.id);
    expect((await rejectionOf(t.client.send(new GetApiKeyCommand({ apiKey: key.id })))).name).toBe('NotFoundException');
  });
});

describe('API key account limit', () => {
  it('answers LimitExceededException past the per-account key limit', async () => {
    const t = await startTestAws({ limits: { maxApiKeys: 3 } });
    try {
      for (let i = 0; i < 3; i++) await t.client.send(new CreateApiKeyCommand({ name: `k${i}` }));
      const err = await rejectionOf(t.client.send(new CreateApiKeyCommand({ name: 'k3' })));
      expect(err.name).toBe('LimitExceededException');
      expect(err.$metadata?.httpStatusCode).toBe(429);
    } finally {
      await t.close();
    }
  });
});
