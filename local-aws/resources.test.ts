import { GetResourceCommand, GetResourcesCommand, GetRestApiCommand, paginateGetResources } from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf, startTestAws, type TestAws } from './test-helpers';

describe('GetResources / GetResource (control plane, real SDK)', () => {
  let t: TestAws;
  let restApiId: string;
  beforeAll(async () => {
    t = await startTestAws();
    restApiId = t.aws.demo.restApiId;
  });
  afterAll(() => t.close());

  it('lists the resource tree: the root, then every path with its parent and methods', async () => {
    const { items } = await t.client.send(new GetResourcesCommand({ restApiId, limit: 500 }));
    expect(items!.map((r) => r.path)).toEqual(['/', '/data', '/flaky', '/health', '/pets', '/pets/{id}']);
    const root = items![0]!;
    expect(root.id).toBe((await t.client.send(new GetRestApiCommand({ restApiId }))).rootResourceId);
    expect(root.parentId).toBeUndefined();
    expect(root.pathPart).toBeUndefined();
    const pets = items!.find((r) => r.path === '/pets')!;
    const pet = items!.find((r) => r.path === '/pets/{id}')!;
    expect(pets).toMatchObject({ parentId: root.id, pathPart: 'pets' });
    expect(pet).toMatchObject({ parentId: pets.id, pathPart: '{id}' });
    expect(pet.id).toMatch(/^[a-z0-9]{10}$/);
    // Without embed=methods only the verbs are listed.
    expect(Object.keys(pets.resourceMethods!).sort()).toEqual(['GET', 'POST']);
    expect(pets.resourceMethods!.GET).toEqual({});
  });

  it('embeds whole methods with embed=methods', async () => {
    const { items } = await t.client.send(new GetResourcesCommand({ restApiId, embed: ['methods'], limit: 500 }));
    const data = items!.find((r) => r.path === '/data')!;
    expect(data.resourceMethods!.GET).toMatchObject({ httpMethod: 'GET', apiKeyRequired: true, authorizationType: 'NONE', operationName: 'getData' });
    const one = await t.client.send(new GetResourceCommand({ restApiId, resourceId: data.id!, embed: ['methods'] }));
    expect(one).toMatchObject({ id: data.id, path: '/data', pathPart: 'data' });
    expect(one.resourceMethods!.GET!.httpMethod).toBe('GET');
  });

  it('pages with limit and position, and ids are stable across calls', async () => {
    const paths: string[] = [];
    for await (const page of paginateGetResources({ client: t.client, pageSize: 2 }, { restApiId })) {
      expect(page.items!.length).toBeLessThanOrEqual(2);
      paths.push(...page.items!.map((r) => r.path!));
    }
    expect(paths).toEqual(['/', '/data', '/flaky', '/health', '/pets', '/pets/{id}']);
    const first = await t.client.send(new GetResourcesCommand({ restApiId, limit: 2 }));
    expect(first.position).toBeTruthy();
    const again = await t.client.send(new GetResourcesCommand({ restApiId, limit: 2 }));
    expect(again.items!.map((r) => r.id)).toEqual(first.items!.map((r) => r.id));
  });

  it('answers NotFound for an unknown API or resource and BadRequest for an unsupported embed', async () => {
    expect((await rejectionOf(t.client.send(new GetResourcesCommand({ restApiId: 'nope' })))).name).toBe('NotFoundException');
    expect((await rejectionOf(t.client.send(new GetResourceCommand({ restApiId, resourceId: 'zzzzzzzzzz' })))).name).toBe('NotFoundException');
    expect((await rejectionOf(t.client.send(new GetResourcesCommand({ restApiId, embed: ['integrations'] })))).name).toBe('BadRequestException');
    expect((await rejectionOf(t.client.send(new GetResourcesCommand({ restApiId, limit: 501 })))).name).toBe('BadRequestException');
  });
});
