/**
 * local AWS: one HTTP server for the API Gateway control plane (restJson1), CloudWatch (awsJson1_0 and the query
 * protocol, delegated to local-aws/cloudwatch/), the API Gateway data plane and emulator endpoints under /_localaws/ (health, config,
 * faults, usage and metric backfill; see local-endpoints.ts). Fault injection (faults.ts) is consulted before every
 * API Gateway, CloudWatch and data-plane request. Signatures are not verified: by default any SigV4-signed request
 * (any credentials) reaches the one account; with `accounts` (accounts.ts) the access key id picks the account and
 * an unknown one is refused as AWS refuses it. CloudWatch is shared by all accounts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApiGatewayHttp } from './apigateway/http';
import { DEFAULT_LIMITS, type GatewayEnvironment, type ResourceLimits } from './apigateway/operation';
import { accessKeyIdOf, validateAccounts, type AccountConfig } from './accounts';
import { newRequestId } from './apigateway/ids';
import { createCloudWatch, type MetricSink } from './cloudwatch-binding';
import { decodedBody, sendError as sendCloudWatchError } from './cloudwatch/http';
import { isQueryRequest, queryParams, sendQueryError } from './cloudwatch/query-protocol';
import { CloudWatchError, CLOUDWATCH_OPERATIONS } from './cloudwatch/service';
import { serviceUnavailable, throttling } from './cloudwatch/errors';
import { StageCaches } from './dataplane/cache';
import { DataPlane } from './dataplane/gateway';
import { startDemoBackend } from './demo-backend';
import { FaultRuleError, Faults, parseFaultRules, sleep, type FaultControl, type FaultRule } from './faults';
import { readBody, sendJson } from './http-util';
import { handleFaults, handleMetricsBackfill, handleUsageBackfill } from './local-endpoints';
import { DebouncedJsonWriter, readJsonFile } from './persistence';
import { ControlPlaneRateLimiter } from './rate-limits';
import { findDemo, seedDemo, type DemoInfo } from './seed';
import { emptyStateData, GatewayState, type GatewayStateData } from './state';

export interface LocalAwsOptions {
  /** 0 = any free port; default 4566. */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** Persist state as JSON here (apigateway.json, cloudwatch.json); undefined = memory only. */
  dataDir?: string;
  /** Control-plane rate limits (default true); can be toggled at runtime via POST /_localaws/config. */
  rateLimits?: boolean;
  /** Seed the demo API and tier plans when the state is new (default true). */
  seed?: boolean;
  /** Port of the demo backend; 0 (default) = any free port. */
  backendPort?: number;
  /** Clock (epoch ms), for tests. Default Date.now. */
  now?: () => number;
  /** Per-account resource limits, for tests (defaults: 10,000 keys, 300 plans, 10 plans per key). */
  limits?: Partial<ResourceLimits>;
  /** Fault injection rules active from the start (see faults.ts); change them later with `faults.set`. */
  faults?: FaultRule[];
  /** Seed for fault injection's random draws (reproducible runs); default Math.random. */
  faultSeed?: number;
  /**
   * Days of 1-minute CloudWatch data kept before it is rolled up into hourly points (default 3; AWS keeps 15).
   * Bounds memory when traffic runs for days.
   */
  metricMinuteRetentionDays?: number;
  /**
   * Several accounts, told apart by the request's access key id, each with its own API Gateway state, rate limits
   * and key limit (`keyLimit`, default `limits.maxApiKeys`, else 10,000), each seeded with the demo API and plans.
   * Unset: one account that every access key id reaches (state file apigateway.json).
   */
  accounts?: AccountConfig[];
}

export interface LocalAwsAccount {
  /** The access key id that reaches this account ("" for the single default account). */
  accessKeyId: string;
  keyLimit: number;
  demo: DemoInfo;
}

export interface LocalAws {
  url: string;
  port: number;
  /** The first account's demo API and plans. */
  demo: DemoInfo;
  /** Every account (one, with accessKeyId "", without an accounts list). */
  accounts: LocalAwsAccount[];
  /** The demo backend the data plane proxies to (for benchmarks: the same request without the gateway). */
  backendUrl: string;
  /** Fault injection, in-process: `localAws.faults.set([{ operation: 'CreateApiKey', errorRate: 0.2 }])`. */
  faults: FaultControl;
  close(): Promise<void>;
}

export type { FaultControl, FaultRule } from './faults';

const DEFAULT_MINUTE_RETENTION_DAYS = 3;

const STATE_FILE = 'apigateway.json';
const CLOUDWATCH_FILE = 'cloudwatch.json';
const CLOUDWATCH_TARGET_PREFIX = 'GraniteServiceVersion20100801.';
const DATA_PLANE = /^\/restapis\/([^/]+)\/([^/]+)\/_user_request_(\/.*)?$/;

interface Account extends LocalAwsAccount {
  state: GatewayState;
  writer?: DebouncedJsonWriter;
  limiter: ControlPlaneRateLimiter;
  env: GatewayEnvironment;
  dataPlane: DataPlane;
}

function isStateData(value: unknown): value is GatewayStateData {
  const v = value as Partial<GatewayStateData> | null;
  return typeof v === 'object' && v !== null && v.version === 1 && typeof v.restApis === 'object' && typeof v.apiKeys === 'object';
}

export async function startLocalAws(opts: LocalAwsOptions = {}): Promise<LocalAws> {
  const now = opts.now ?? Date.now;
  const host = opts.host ?? '127.0.0.1';
  const { dataDir } = opts;

  const minuteDays = opts.metricMinuteRetentionDays ?? DEFAULT_MINUTE_RETENTION_DAYS;
  if (!(minuteDays > 0)) throw new Error('local AWS: metricMinuteRetentionDays must be positive');
  const cloudwatch = createCloudWatch(now, dataDir ? await readJsonFile(dataDir, CLOUDWATCH_FILE) : undefined, minuteDays * 86400);
  const cloudwatchWriter = dataDir ? new DebouncedJsonWriter(dataDir, CLOUDWATCH_FILE, cloudwatch.snapshot) : undefined;
  const metrics: MetricSink = {
    putMetric(...args) {
      cloudwatch.sink.putMetric(...args);
      cloudwatchWriter?.markDirty();
    },
  };

  const backend = await startDemoBackend(opts.backendPort ?? 0, '127.0.0.1');
  const caches = new StageCaches();
  const faults = new Faults({ rules: opts.faults, seed: opts.faultSeed });
  const rateLimitsOn = opts.rateLimits ?? true;
  let url = '';
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const configs: AccountConfig[] = opts.accounts ? validateAccounts(opts.accounts) : [{ accessKeyId: '' }];
  if (configs.length === 0) throw new Error('local AWS: accounts must list at least one account');

  async function openAccount(config: AccountConfig): Promise<Account> {
    const file = config.accessKeyId === '' ? STATE_FILE : `apigateway.${config.accessKeyId}.json`;
    const saved = dataDir ? await readJsonFile(dataDir, file) : undefined;
    if (saved !== undefined && !isStateData(saved)) throw new Error(`local AWS: ${dataDir}/${file} is not a local AWS state file`);
    let writer: DebouncedJsonWriter | undefined;
    const state = new GatewayState(saved ?? emptyStateData(), () => writer?.markDirty());
    if (dataDir) writer = new DebouncedJsonWriter(dataDir, file, () => state.data);
    const demo = saved === undefined && opts.seed !== false ? seedDemo(state, now()) : findDemo(state);
    const keyLimit = config.keyLimit ?? limits.maxApiKeys;
    return {
      accessKeyId: config.accessKeyId,
      keyLimit,
      demo,
      state,
      writer,
      limiter: new ControlPlaneRateLimiter(rateLimitsOn, now),
      env: { state, now, region: 'us-east-1', publicUrl: () => url, limits: { ...limits, maxApiKeys: keyLimit }, caches },
      dataPlane: new DataPlane({ state, now, caches, faults, metrics: () => metrics, backend: () => ({ host: '127.0.0.1', port: backend.port }) }),
    };
  }
  const accounts: Account[] = [];
  for (const config of configs) accounts.push(await openAccount(config));
  const [firstAccount] = accounts as [Account, ...Account[]];
  const byAccessKeyId = new Map(accounts.map((a) => [a.accessKeyId, a]));

  /** The account a control-plane request is signed for; undefined = an access key id no account has. */
  function accountOfRequest(req: IncomingMessage, search: string): Account | undefined {
    if (!opts.accounts) return firstAccount;
    const accessKeyId = accessKeyIdOf(req.headers, search);
    return accessKeyId === undefined ? undefined : byAccessKeyId.get(accessKeyId);
  }

  /**
   * The data plane routes a key value to its account: the account holding the key serves the request. When that
   * account has no API with the requested id, its API of the same name is used, as if every account's stage sat
   * behind one shared custom domain (so a portal can show one base URL for all of its shards).
   */
  function dataPlaneTarget(req: IncomingMessage, apiId: string): { account: Account; apiId: string } {
    const owner = accounts.find((a) => a.state.data.restApis[apiId]) ?? firstAccount;
    const keyValue = req.headers['x-api-key'];
    const holder = typeof keyValue === 'string' ? accounts.find((a) => a.state.keyByValue(keyValue)) : undefined;
    if (!holder || holder === owner) return { account: owner, apiId };
    const name = owner.state.data.restApis[apiId]?.name;
    const same = name === undefined ? undefined : Object.values(holder.state.data.restApis).find((api) => api.name === name);
    return same ? { account: holder, apiId: same.id } : { account: owner, apiId };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const pathname = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const search = q >= 0 ? rawUrl.slice(q) : '';
    const body = await readBody(req);

    const dataPlaneMatch = pathname.startsWith('/restapis/') ? DATA_PLANE.exec(pathname) : null;
    if (dataPlaneMatch) {
      const [, apiId = '', stage = '', path = '/'] = dataPlaneMatch;
      const target = dataPlaneTarget(req, apiId);
      return target.account.dataPlane.handle(req, res, target.apiId, stage, path, search, body);
    }
    const target = req.headers['x-amz-target'];
    if (req.method === 'POST' && pathname === '/' && typeof target === 'string' && target.startsWith(CLOUDWATCH_TARGET_PREFIX)) {
      const fault = faults.decide('cloudwatch', target.slice(CLOUDWATCH_TARGET_PREFIX.length));
      if (fault) {
        if (fault.latencyMs > 0) await sleep(fault.latencyMs);
        if (fault.drop) return void req.socket.destroy();
        if (fault.error) return sendCloudWatchError(res, fault.error === 'throttle' ? throttling() : serviceUnavailable());
      }
      await cloudwatch.handleHttp(req, res, body);
      cloudwatchWriter?.markDirty();
      return;
    }
    // CloudWatch's query protocol: form-encoded POST / (or GET /?Action=…), answered in XML.
    if (isQueryRequest(req.method, pathname, search, req.headers['content-type'])) {
      let params: Map<string, string>;
      try {
        params = queryParams(req.method, search, await decodedBody(req, body));
      } catch (error) {
        if (error instanceof CloudWatchError) return sendQueryError(res, error);
        throw error;
      }
      const action = params.get('Action') ?? '';
      const fault = CLOUDWATCH_OPERATIONS.includes(action) ? faults.decide('cloudwatch', action) : undefined;
      if (fault) {
        if (fault.latencyMs > 0) await sleep(fault.latencyMs);
        if (fault.drop) return void req.socket.destroy();
        if (fault.error) return sendQueryError(res, fault.error === 'throttle' ? throttling() : serviceUnavailable());
      }
      cloudwatch.handleQuery(res, params);
      cloudwatchWriter?.markDirty();
      return;
    }
    if (pathname.startsWith('/_localaws/')) {
      switch (pathname) {
        case '/_localaws/health':
          return sendJson(res, 200, { ok: true });
        case '/_localaws/config':
          return handleConfig(req, res, body);
        case '/_localaws/faults':
          return handleFaults(faults, req, res, body);
        case '/_localaws/usage/backfill':
          return handleUsageBackfill((accountOfRequest(req, search) ?? firstAccount).state, now, req, res, body);
        case '/_localaws/metrics/backfill':
          handleMetricsBackfill(cloudwatch, req, res, body);
          cloudwatchWriter?.markDirty();
          return;
        default:
          return sendJson(res, 404, { message: `Unknown local AWS endpoint ${pathname}` });
      }
    }
    const account = accountOfRequest(req, search);
    if (!account) {
      return sendJson(res, 403, { message: 'The security token included in the request is invalid.' }, {
        'x-amzn-ErrorType': 'UnrecognizedClientException',
        'x-amzn-RequestId': newRequestId(),
      });
    }
    return handleApiGatewayHttp(account.env, account.limiter, faults, req, res, pathname, search, body);
  }

  function handleConfig(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    if (req.method === 'POST') {
      let patch: unknown;
      try {
        patch = JSON.parse(body.toString('utf8') || '{}');
      } catch {
        return sendJson(res, 400, { message: 'Body must be JSON' });
      }
      const rateLimits = (patch as { rateLimits?: unknown } | null)?.rateLimits;
      if (rateLimits !== undefined && typeof rateLimits !== 'boolean') return sendJson(res, 400, { message: 'rateLimits must be a boolean' });
      const faultRules = (patch as { faults?: unknown } | null)?.faults;
      if (faultRules !== undefined) {
        try {
          faults.set(parseFaultRules(faultRules));
        } catch (error) {
          if (error instanceof FaultRuleError) return sendJson(res, 400, { message: error.message });
          throw error;
        }
      }
      if (rateLimits !== undefined) for (const account of accounts) account.limiter.enabled = rateLimits;
    } else if (req.method !== 'GET') return sendJson(res, 405, { message: 'Use GET or POST' });
    sendJson(res, 200, {
      rateLimits: firstAccount.limiter.enabled,
      faults: faults.list(),
      accounts: accounts.map((a) => ({ accessKeyId: a.accessKeyId, keyLimit: a.keyLimit, apiKeys: Object.keys(a.state.data.apiKeys).length })),
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('local AWS: request failed:', error);
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal server error' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 4566, host, () => resolve());
    });
  } catch (error) {
    for (const account of accounts) account.dataPlane.close();
    await backend.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    demo: firstAccount.demo,
    accounts: accounts.map((a) => ({ accessKeyId: a.accessKeyId, keyLimit: a.keyLimit, demo: a.demo })),
    backendUrl: `http://127.0.0.1:${backend.port}`,
    faults,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        for (const account of accounts) account.dataPlane.close();
        await backend.close();
        for (const account of accounts) await account.writer?.flush();
        await cloudwatchWriter?.flush();
      })()),
  };
}
