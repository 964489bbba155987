import { APIGatewayClient, CreateApiKeyCommand, CreateUsagePlanKeyCommand, GetApiKeysCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessKeyIdOf, parseAccountsSpec } from './accounts';
import { startLocalAws, type LocalAws } from './server';
import { rejectionOf } from './test-helpers';

const clientFor = (aws: LocalAws, accessKeyId: string) =>
  new APIGatewayClient({ region: 'us-east-1', endpoint: aws.url, credentials: { accessKeyId, secretAccessKey: 'secret' }, maxAttempts: 1 });

describe('local AWS accounts (told apart by access key id)', () => {
  let aws: LocalAws;
  let a: APIGatewayClient;
  let b: APIGatewayClient;
  beforeAll(async () => {
    aws = await startLocalAws({ port: 0, rateLimits: false, accounts: [{ accessKeyId: 'acct-a', keyLimit: 2 }, { accessKeyId: 'acct-b' }] });
    a = clientFor(aws, 'acct-a');
    b = clientFor(aws, 'acct-b');
  });
  afterAll(async () => {
    a.destroy();
    b.destroy();
    await aws.close();
  });

  it('seeds each account with its own demo API and tier plans', async () => {
    expect(aws.accounts.map((x) => [x.accessKeyId, x.keyLimit])).toEqual([['acct-a', 2], ['acct-b', 10_000]]);
    const [first, second] = aws.accounts;
    expect(first?.demo.restApiId).not.toBe(second?.demo.restApiId);
    const apisA = await a.send(new GetRestApisCommand({}));
    const apisB = await b.send(new GetRestApisCommand({}));
    expect(apisA.items?.map((x) => x.id)).toEqual([first?.demo.restApiId]);
    expect(apisB.items?.map((x) => x.id)).toEqual([second?.demo.restApiId]);
  });

  it('keeps each account\'s keys to itself and enforces its own key limit with AWS\'s error', async () => {
    await a.send(new CreateApiKeyCommand({ name: 'a1', enabled: true }));
    await a.send(new CreateApiKeyCommand({ name: 'a2', enabled: true }));
    const err = await rejectionOf(a.send(new CreateApiKeyCommand({ name: 'a3', enabled: true })));
    expect(err.name).toBe('LimitExceededException');
    expect(err.$metadata?.httpStatusCode).toBe(429);
    expect(err.message).toBe('Cannot exceed the limit of 2 API keys per account');
    await b.send(new CreateApiKeyCommand({ name: 'b1', enabled: true }));
    const namesA = (await a.send(new GetApiKeysCommand({}))).items?.map((k) => k.name).sort();
    const namesB = (await b.send(new GetApiKeysCommand({}))).items?.map((k) => k.name);
    expect(namesA).toEqual(['a1', 'a2']);
    expect(namesB).toEqual(['b1']);
  });

  it('refuses an access key id no account has, as AWS does', async () => {
    const stranger = clientFor(aws, 'nobody');
    try {
      const err = await rejectionOf(stranger.send(new GetApiKeysCommand({})));
      expect(err.name).toBe('UnrecognizedClientException');
      expect(err.$metadata?.httpStatusCode).toBe(403);
    } finally {
      stranger.destroy();
    }
  });

  it('routes a key value on the data plane to the account holding the key', async () => {
    const second = aws.accounts[1];
    const first = aws.accounts[0];
    if (!first || !second) throw new Error('two accounts expected');
    const key = await b.send(new CreateApiKeyCommand({ name: 'b-data', enabled: true }));
    await b.send(new CreateUsagePlanKeyCommand({ usagePlanId: second.demo.usagePlans.basic, keyId: key.id, keyType: 'API_KEY' }));
    const call = (apiId: string, value: string) =>
      fetch(`${aws.url}/restapis/${apiId}/prod/_user_request_/health`, { headers: { 'x-api-key': value } });
    expect((await call(second.demo.restApiId, key.value ?? '')).status).toBe(200);
    // The first account's API id, as one shared base URL: the key's own account answers with its API of that name.
    expect((await call(first.demo.restApiId, key.value ?? '')).status).toBe(200);
    expect((await call(first.demo.restApiId, 'not-a-key-anywhere-0000000000000000000000')).status).toBe(403);
  });
});

describe('accounts configuration', () => {
  it('reads the CLI/env form and the access key id of a SigV4 header', () => {
    expect(parseAccountsSpec('shard-a:100, shard-b')).toEqual([{ accessKeyId: 'shard-a', keyLimit: 100 }, { accessKeyId: 'shard-b' }]);
    expect(() => parseAccountsSpec('shard-a:0')).toThrow(/keyLimit/);
    expect(() => parseAccountsSpec('x,x')).toThrow(/twice/);
    expect(accessKeyIdOf({ authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261205/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=abc' })).toBe(
      'AKIDEXAMPLE',
    );
    expect(accessKeyIdOf({})).toBeUndefined();
  });

  it('keeps one account for every access key id without an accounts list', async () => {
    const aws = await startLocalAws({ port: 0, rateLimits: false });
    const one = clientFor(aws, 'one');
    const two = clientFor(aws, 'two');
    try {
      await one.send(new CreateApiKeyCommand({ name: 'shared' }));
      expect((await two.send(new GetApiKeysCommand({}))).items?.map((k) => k.name)).toEqual(['shared']);
      expect(aws.accounts).toHaveLength(1);
    } finally {
      one.destroy();
      two.destroy();
      await aws.close();
    }
  });
});
