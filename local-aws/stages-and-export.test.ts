import {
  FlushStageAuthorizersCacheCommand,
  FlushStageCacheCommand,
  GetExportCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf, startTestAws, type TestAws } from './test-helpers';

/** Reads a nested value out of parsed JSON. */
const at = (value: unknown, ...keys: (string | number)[]): unknown =>
  keys.reduce<unknown>((o, k) => (typeof o === 'object' && o !== null ? (o as Record<string | number, unknown>)[k] : undefined), value);
const keysOf = (value: unknown) => Object.keys(value as object).sort();

describe('REST APIs, stages and exports (control plane, real SDK)', () => {
  let t: TestAws;
  let restApiId: string;
  beforeAll(async () => {
    t = await startTestAws();
    restApiId = t.aws.demo.restApiId;
  });
  afterAll(() => t.close());

  it('lists the seeded demo API', async () => {
    const apis = await t.client.send(new GetRestApisCommand({}));
    expect(apis.items).toHaveLength(1);
    expect(apis.items![0]).toMatchObject({ id: restApiId, name: 'gatehouse-demo-api', apiKeySource: 'HEADER' });
    expect(restApiId).toMatch(/^[a-z0-9]{10}$/);
    expect((await t.client.send(new GetRestApiCommand({ restApiId }))).createdDate).toBeInstanceOf(Date);
    expect((await rejectionOf(t.client.send(new GetRestApiCommand({ restApiId: 'nope' })))).name).toBe('NotFoundException');
  });

  it('returns the seeded prod stage with its method settings', async () => {
    const stages = await t.client.send(new GetStagesCommand({ restApiId }));
    expect(stages.item!.map((s) => s.stageName)).toEqual(['prod']);
    const stage = await t.client.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
    expect(stage.cacheClusterEnabled).toBe(true);
    expect(stage.cacheClusterStatus).toBe('AVAILABLE');
    expect(stage.methodSettings!['*/*']).toMatchObject({ throttlingRateLimit: 1000, throttlingBurstLimit: 2000, cachingEnabled: true, cacheTtlInSeconds: 300 });
    expect(stage.methodSettings!['~1data/GET']).toMatchObject({ throttlingRateLimit: 100, throttlingBurstLimit: 200, cachingEnabled: true, cacheTtlInSeconds: 3600 });
    expect((await rejectionOf(t.client.send(new GetStageCommand({ restApiId, stageName: 'dev' })))).name).toBe('NotFoundException');
  });

  it('updates stage-wide and per-method settings with patch paths', async () => {
    const updated = await t.client.send(
      new UpdateStageCommand({
        restApiId,
        stageName: 'prod',
        patchOperations: [
          { op: 'replace', path: '/*/*/throttling/rateLimit', value: '800' },
          { op: 'replace', path: '/*/*/throttling/burstLimit', value: '1600' },
          { op: 'replace', path: '/*/*/caching/ttlInSeconds', value: '120' },
          { op: 'replace', path: '/~1pets/GET/caching/enabled', value: 'false' },
          { op: 'replace', path: '/~1pets~1{id}/GET/throttling/rateLimit', value: '5' },
        ],
      }),
    );
    expect(updated.methodSettings!['*/*']).toMatchObject({ throttlingRateLimit: 800, throttlingBurstLimit: 1600, cacheTtlInSeconds: 120, cachingEnabled: true });
    // A new per-method entry starts from the stage defaults.
    expect(updated.methodSettings!['~1pets/GET']).toMatchObject({ cachingEnabled: false, throttlingRateLimit: 800, cacheTtlInSeconds: 120 });
    expect(updated.methodSettings!['~1pets~1{id}/GET']).toMatchObject({ throttlingRateLimit: 5, throttlingBurstLimit: 1600 });
    const removed = await t.client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'remove', path: '/~1pets~1{id}/GET' }] }));
    expect(removed.methodSettings).not.toHaveProperty('~1pets~1{id}/GET');

    const off = await t.client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/cacheClusterEnabled', value: 'false' }] }));
    expect(off.cacheClusterEnabled).toBe(false);
    expect(off.cacheClusterStatus).toBe('NOT_AVAILABLE');
    const on = await t.client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/cacheClusterEnabled', value: 'true' }] }));
    expect(on.cacheClusterEnabled).toBe(true);
  });

  it('rejects invalid stage patches without applying any of them', async () => {
    const ttl = await rejectionOf(
      t.client.send(
        new UpdateStageCommand({
          restApiId,
          stageName: 'prod',
          patchOperations: [
            { op: 'replace', path: '/*/*/throttling/rateLimit', value: '1' },
            { op: 'replace', path: '/*/*/caching/ttlInSeconds', value: '4000' },
          ],
        }),
      ),
    );
    expect(ttl.name).toBe('BadRequestException');
    const unknownMethod = await rejectionOf(
      t.client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/~1nope/GET/caching/enabled', value: 'true' }] })),
    );
    expect(unknownMethod.name).toBe('BadRequestException');
    const notBool = await rejectionOf(
      t.client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/*/*/caching/enabled', value: 'yes' }] })),
    );
    expect(notBool.name).toBe('BadRequestException');
    const stage = await t.client.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
    expect(stage.methodSettings!['*/*']!.throttlingRateLimit).not.toBe(1);
  });

  it('flushes the stage cache and the authorizer cache', async () => {
    expect((await t.client.send(new FlushStageCacheCommand({ restApiId, stageName: 'prod' }))).$metadata.httpStatusCode).toBe(202);
    expect((await t.client.send(new FlushStageAuthorizersCacheCommand({ restApiId, stageName: 'prod' }))).$metadata.httpStatusCode).toBe(202);
    expect((await rejectionOf(t.client.send(new FlushStageCacheCommand({ restApiId, stageName: 'nope' })))).name).toBe('NotFoundException');
  });

  it('exports OpenAPI 3.0 with the api_key header scheme', async () => {
    const out = await t.client.send(new GetExportCommand({ restApiId, stageName: 'prod', exportType: 'oas30', accepts: 'application/json' }));
    expect(out.contentType).toBe('application/json');
    expect(out.contentDisposition).toContain('attachment');
    const doc = JSON.parse(new TextDecoder().decode(out.body));
    expect(at(doc, 'openapi')).toBe('3.0.1');
    expect(at(doc, 'info', 'title')).toBe('gatehouse-demo-api');
    expect(keysOf(at(doc, 'paths'))).toEqual(['/data', '/flaky', '/health', '/pets', '/pets/{id}']);
    expect(keysOf(at(doc, 'paths', '/pets'))).toEqual(['get', 'post']);
    expect(at(doc, 'paths', '/pets/{id}', 'get', 'parameters')).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
    expect(at(doc, 'paths', '/pets', 'get', 'security')).toEqual([{ api_key: [] }]);
    expect(at(doc, 'components', 'securitySchemes', 'api_key')).toEqual({ type: 'apiKey', name: 'x-api-key', in: 'header' });
    expect(at(doc, 'x-amazon-apigateway-api-key-source')).toBe('HEADER');
    expect(at(doc, 'servers', 0, 'url')).toBe(`${t.aws.url}/restapis/${restApiId}/prod/_user_request_`);
    expect(at(doc, 'paths', '/pets', 'get', 'x-amazon-apigateway-integration')).toBeUndefined();

    const withExt = await t.client.send(new GetExportCommand({ restApiId, stageName: 'prod', exportType: 'oas30', parameters: { extensions: 'apigateway' } }));
    const extDoc = JSON.parse(new TextDecoder().decode(withExt.body));
    expect(at(extDoc, 'paths', '/pets', 'get', 'x-amazon-apigateway-integration')).toMatchObject({ type: 'http_proxy', httpMethod: 'GET' });
  });

  it('exports Swagger 2.0 and YAML, and rejects unknown export types', async () => {
    const out = await t.client.send(new GetExportCommand({ restApiId, stageName: 'prod', exportType: 'swagger' }));
    const doc = JSON.parse(new TextDecoder().decode(out.body));
    expect(at(doc, 'swagger')).toBe('2.0');
    expect(at(doc, 'securityDefinitions', 'api_key')).toEqual({ type: 'apiKey', name: 'x-api-key', in: 'header' });
    expect(at(doc, 'basePath')).toBe(`/restapis/${restApiId}/prod/_user_request_`);
    expect(at(doc, 'paths', '/pets', 'post', 'parameters', 0)).toMatchObject({ in: 'body', schema: { $ref: '#/definitions/NewPet' } });
    expect(at(doc, 'definitions', 'PetList', 'items', '$ref')).toBe('#/definitions/Pet');

    const yaml = await t.client.send(new GetExportCommand({ restApiId, stageName: 'prod', exportType: 'oas30', accepts: 'application/yaml' }));
    expect(yaml.contentType).toBe('application/yaml');
    expect(new TextDecoder().decode(yaml.body)).toMatch(/^"openapi": "3\.0\.1"\n/);

    const bad = await rejectionOf(t.client.send(new GetExportCommand({ restApiId, stageName: 'prod', exportType: 'raml' })));
    expect(bad.name).toBe('BadRequestException');
  });
});
