import {
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteUsagePlanCommand,
  DeleteUsagePlanKeyCommand,
  GetTagsCommand,
  GetUsagePlanCommand,
  GetUsagePlanKeyCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateUsagePlanCommand,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf, startTestAws, type TestAws } from './test-helpers';

describe('usage plans and usage plan keys (control plane, real SDK)', () => {
  let t: TestAws;
  let apiId: string;
  beforeAll(async () => {
    t = await startTestAws();
    apiId = t.aws.demo.restApiId;
  });
  afterAll(() => t.close());

  const newKey = async (name: string) => (await t.client.send(new CreateApiKeyCommand({ name, enabled: true }))).id!;

  it('seeds basic, premium and enterprise with throttles, quotas and price/visibility tags', async () => {
    const plans = await t.client.send(new GetUsagePlansCommand({}));
    const byName = Object.fromEntries(plans.items!.map((p) => [p.name, p]));
    expect(Object.keys(byName).sort()).toEqual(['basic', 'enterprise', 'premium']);
    expect(byName.basic).toMatchObject({
      id: t.aws.demo.usagePlans.basic,
      description: 'Basic tier - 1000 requests/day',
      throttle: { rateLimit: 10, burstLimit: 20 },
      quota: { limit: 1000, period: 'DAY', offset: 0 },
      apiStages: [{ apiId, stage: 'prod', throttle: { '*/*': { rateLimit: 10, burstLimit: 20 } } }],
      tags: { 'gatehouse:price-cents': '0', 'gatehouse:visibility': 'public' },
    });
    expect(byName.premium).toMatchObject({ throttle: { rateLimit: 100, burstLimit: 200 }, quota: { limit: 10000, period: 'DAY' }, tags: { 'gatehouse:price-cents': '4900' } });
    expect(byName.enterprise!.quota).toBeUndefined();
    expect(byName.enterprise).toMatchObject({ throttle: { rateLimit: 1000, burstLimit: 2000 }, tags: { 'gatehouse:price-cents': '49900', 'gatehouse:visibility': 'approval' } });
  });

  it('creates, reads, updates and deletes a plan', async () => {
    const created = await t.client.send(
      new CreateUsagePlanCommand({
        name: 'crud',
        description: 'd',
        apiStages: [{ apiId, stage: 'prod', throttle: { '/pets/GET': { rateLimit: 5, burstLimit: 10 } } }],
        throttle: { rateLimit: 50, burstLimit: 100 },
        quota: { limit: 500, period: 'WEEK', offset: 0 },
        tags: { 'gatehouse:price-cents': '100' },
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.id).toMatch(/^[a-z0-9]{6}$/);
    const read = await t.client.send(new GetUsagePlanCommand({ usagePlanId: created.id }));
    expect(read).toMatchObject({
      name: 'crud',
      description: 'd',
      apiStages: [{ apiId, stage: 'prod', throttle: { '/pets/GET': { rateLimit: 5, burstLimit: 10 } } }],
      throttle: { rateLimit: 50, burstLimit: 100 },
      quota: { limit: 500, period: 'WEEK', offset: 0 },
      tags: { 'gatehouse:price-cents': '100' },
    });
    const updated = await t.client.send(
      new UpdateUsagePlanCommand({
        usagePlanId: created.id,
        patchOperations: [
          { op: 'replace', path: '/quota/limit', value: '750' },
          { op: 'replace', path: '/quota/period', value: 'MONTH' },
          { op: 'replace', path: '/throttle/rateLimit', value: '7.5' },
          { op: 'replace', path: '/throttle/burstLimit', value: '15' },
          { op: 'replace', path: '/name', value: 'crud2' },
          { op: 'replace', path: '/description', value: 'd2' },
          { op: 'remove', path: '/apiStages', value: `${apiId}:prod` },
        ],
      }),
    );
    expect(updated).toMatchObject({ name: 'crud2', description: 'd2', quota: { limit: 750, period: 'MONTH' }, throttle: { rateLimit: 7.5, burstLimit: 15 }, apiStages: [] });
    const readded = await t.client.send(
      new UpdateUsagePlanCommand({ usagePlanId: created.id, patchOperations: [{ op: 'add', path: '/apiStages', value: `${apiId}:prod` }] }),
    );
    expect(readded.apiStages).toEqual([{ apiId, stage: 'prod' }]);

    // AWS refuses to delete a plan that still has API stages.
    const refused = await rejectionOf(t.client.send(new DeleteUsagePlanCommand({ usagePlanId: created.id })));
    expect(refused.name).toBe('BadRequestException');
    await t.client.send(new UpdateUsagePlanCommand({ usagePlanId: created.id, patchOperations: [{ op: 'remove', path: '/apiStages', value: `${apiId}:prod` }] }));
    const deleted = await t.client.send(new DeleteUsagePlanCommand({ usagePlanId: created.id }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    expect((await rejectionOf(t.client.send(new GetUsagePlanCommand({ usagePlanId: created.id })))).name).toBe('NotFoundException');
  });

  it('validates plans: unknown stage, bad quota period, bad patch path, missing name', async () => {
    const unknownStage = await rejectionOf(t.client.send(new CreateUsagePlanCommand({ name: 'x', apiStages: [{ apiId, stage: 'nope' }] })));
    expect(unknownStage.name).toBe('BadRequestException');
    expect(unknownStage.message).toContain(`Invalid API Stage {api: ${apiId}, stage: nope}`);
    const badPeriod = await rejectionOf(t.client.send(new CreateUsagePlanCommand({ name: 'x', quota: { limit: 1, period: 'YEAR' as 'DAY' } })));
    expect(badPeriod.name).toBe('BadRequestException');
    const badPath = await rejectionOf(
      t.client.send(new UpdateUsagePlanCommand({ usagePlanId: t.aws.demo.usagePlans.basic, patchOperations: [{ op: 'replace', path: '/bogus', value: '1' }] })),
    );
    expect(badPath.name).toBe('BadRequestException');
    expect(badPath.message).toContain("Invalid patch path  '/bogus' specified for op 'replace'");
    const noName = await rejectionOf(t.client.send(new CreateUsagePlanCommand({ name: undefined as unknown as string })));
    expect(noName.name).toBe('BadRequestException');
    expect((await rejectionOf(t.client.send(new GetUsagePlanCommand({ usagePlanId: 'nope00' })))).name).toBe('NotFoundException');
  });

  it('adds keys to plans; conflicts on the same plan and on a second plan covering the same stage', async () => {
    const keyId = await newKey('plan-member');
    const added = await t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: t.aws.demo.usagePlans.basic, keyId, keyType: 'API_KEY' }));
    expect(added.$metadata.httpStatusCode).toBe(201);
    expect(added).toMatchObject({ id: keyId, type: 'API_KEY', name: 'plan-member' });
    expect(added.value).toHaveLength(40);

    const again = await rejectionOf(t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: t.aws.demo.usagePlans.basic, keyId, keyType: 'API_KEY' })));
    expect(again.name).toBe('ConflictException');
    expect(again.$metadata?.httpStatusCode).toBe(409);
    const sameStage = await rejectionOf(t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: t.aws.demo.usagePlans.premium, keyId, keyType: 'API_KEY' })));
    expect(sameStage.name).toBe('ConflictException');

    // A plan with no stages does not conflict.
    const noStages = await t.client.send(new CreateUsagePlanCommand({ name: 'no-stages' }));
    await t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: noStages.id, keyId, keyType: 'API_KEY' }));
    // ...but giving it the same stage now would put the key in two plans for prod.
    const addStage = await rejectionOf(
      t.client.send(new UpdateUsagePlanCommand({ usagePlanId: noStages.id, patchOperations: [{ op: 'add', path: '/apiStages', value: `${apiId}:prod` }] })),
    );
    expect(addStage.name).toBe('ConflictException');

    const plansOfKey = await t.client.send(new GetUsagePlansCommand({ keyId }));
    expect(plansOfKey.items!.map((p) => p.id).sort()).toEqual([t.aws.demo.usagePlans.basic, noStages.id].sort());

    // Tier change: remove from basic, then add to premium.
    await t.client.send(new DeleteUsagePlanKeyCommand({ usagePlanId: t.aws.demo.usagePlans.basic, keyId }));
    await t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: t.aws.demo.usagePlans.premium, keyId, keyType: 'API_KEY' }));
    const got = await t.client.send(new GetUsagePlanKeyCommand({ usagePlanId: t.aws.demo.usagePlans.premium, keyId }));
    expect(got.id).toBe(keyId);
    const gone = await rejectionOf(t.client.send(new GetUsagePlanKeyCommand({ usagePlanId: t.aws.demo.usagePlans.basic, keyId })));
    expect(gone.name).toBe('NotFoundException');
  });

  it('answers NotFound for unknown key or plan and BadRequest for a bad key type', async () => {
    const keyId = await newKey('nf');
    expect((await rejectionOf(t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: 'nope00', keyId, keyType: 'API_KEY' })))).name).toBe('NotFoundException');
    expect((await rejectionOf(t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: t.aws.demo.usagePlans.enterprise, keyId: 'nosuchkey0', keyType: 'API_KEY' })))).name).toBe('NotFoundException');
    expect((await rejectionOf(t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: t.aws.demo.usagePlans.enterprise, keyId, keyType: 'OTHER' })))).name).toBe('BadRequestException');
    expect((await rejectionOf(t.client.send(new DeleteUsagePlanKeyCommand({ usagePlanId: t.aws.demo.usagePlans.enterprise, keyId })))).name).toBe('NotFoundException');
  });

  it('pages plan keys and filters them by name prefix', async () => {
    const plan = await t.client.send(new CreateUsagePlanCommand({ name: 'many-keys' }));
    for (let i = 0; i < 27; i++) {
      const keyId = await newKey(i < 4 ? `alpha-${i}` : `beta-${i}`);
      await t.client.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId, keyType: 'API_KEY' }));
    }
    const first = await t.client.send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id }));
    expect(first.items).toHaveLength(25);
    const second = await t.client.send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id, position: first.position }));
    expect(second.items).toHaveLength(2);
    expect(second.position).toBeUndefined();
    const alpha = await t.client.send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id, nameQuery: 'alpha-' }));
    expect(alpha.items!.map((k) => k.name)).toEqual(['alpha-0', 'alpha-1', 'alpha-2', 'alpha-3']);
  });

  it('pages usage plans', async () => {
    for (let i = 0; i < 25; i++) await t.client.send(new CreateUsagePlanCommand({ name: `pp-${i}` }));
    const all: string[] = [];
    let position: string | undefined;
    let pages = 0;
    do {
      const page = await t.client.send(new GetUsagePlansCommand({ position, limit: 10 }));
      all.push(...page.items!.map((p) => p.id!));
      position = page.position;
      pages++;
    } while (position);
    const total = (await t.client.send(new GetUsagePlansCommand({ limit: 500 }))).items!.length;
    expect(all).toHaveLength(total);
    expect(new Set(all).size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 10));
  });

  it('tags usage plans by ARN', async () => {
    const resourceArn = `arn:aws:apigateway:us-east-1::/usageplans/${t.aws.demo.usagePlans.enterprise}`;
    await t.client.send(new TagResourceCommand({ resourceArn, tags: { extra: 'yes' } }));
    expect((await t.client.send(new GetTagsCommand({ resourceArn }))).tags).toEqual({
      'gatehouse:price-cents': '49900',
      'gatehouse:visibility': 'approval',
      extra: 'yes',
    });
    await t.client.send(new UntagResourceCommand({ resourceArn, tagKeys: ['extra'] }));
    expect((await t.client.send(new GetTagsCommand({ resourceArn }))).tags).not.toHaveProperty('extra');
  });
});
