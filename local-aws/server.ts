/**
 * local AWS: one HTTP server for the API Gateway control plane (restJson1), CloudWatch (awsJson1_0 and the query
 * protocol, delegated to local-aws/cloudwatch/), the API Gateway data plane and emulator endpoints under /_localaws/ (health, config,
 * faults, usage and metric backfill; see local-endpoints.ts). Fault injection (faults.ts) is consulted before every
 * API Gateway, CloudWatch and data-plane request. Signatures are not verified: any SigV4-signed request (any
 * credentials) is accepted.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApiGatewayHttp } from './apigateway/http';
import { DEFAULT_LIMITS, type GatewayEnvironment, type ResourceLimits } from './apigateway/operation';
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
}

export interface LocalAws {
  url: string;
  port: number;
  demo: DemoInfo;
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

function isStateData(value: unknown): value is GatewayStateData {
  const v = value as Partial<GatewayStateData> | null;
  return typeof v === 'object' && v !== null && v.version === 1 && typeof v.restApis === 'object' && typeof v.apiKeys === 'object';
}

export async function startLocalAws(opts: LocalAwsOptions = {}): Promise<LocalAws> {
  const now = opts.now ?? Date.now;
  const host = opts.host ?? '127.0.0.1';
  const { dataDir } = opts;

  const saved = dataDir ? await readJsonFile(dataDir, STATE_FILE) : undefined;
  if (saved !== undefined && !isStateData(saved)) throw new Error(`local AWS: ${dataDir}/${STATE_FILE} is not a local AWS state file`);
  let stateWriter: DebouncedJsonWriter | undefined;
  const state = new GatewayState(saved ?? emptyStateData(), () => stateWriter?.markDirty());
  if (dataDir) stateWriter = new DebouncedJsonWriter(dataDir, STATE_FILE, () => state.data);
  const demo = saved === undefined && opts.seed !== false ? seedDemo(state, now()) : findDemo(state);

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
  const limiter = new ControlPlaneRateLimiter(opts.rateLimits ?? true, now);
  const dataPlane = new DataPlane({
    state,
    now,
    caches,
    faults,
    metrics: () => metrics,
    backend: () => ({ host: '127.0.0.1', port: backend.port }),
  });
  let url = '';
  const env: GatewayEnvironment = {
    state,
    now,
    region: 'us-east-1',
    publicUrl: () => url,
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    caches,
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const pathname = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const search = q >= 0 ? rawUrl.slice(q) : '';
    const body = await readBody(req);

    const dataPlaneMatch = pathname.startsWith('/restapis/') ? DATA_PLANE.exec(pathname) : null;
    if (dataPlaneMatch) {
      const [, apiId = '', stage = '', path = '/'] = dataPlaneMatch;
      return dataPlane.handle(req, res, apiId, stage, path, search, body);
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
          return handleUsageBackfill(state, now, req, res, body);
        case '/_localaws/metrics/backfill':
          handleMetricsBackfill(cloudwatch, req, res, body);
          cloudwatchWriter?.markDirty();
          return;
        default:
          return sendJson(res, 404, { message: `Unknown local AWS endpoint ${pathname}` });
      }
    }
    return handleApiGatewayHttp(env, limiter, faults, req, res, pathname, search, body);
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
      if (rateLimits !== undefined) limiter.enabled = rateLimits;
    } else if (req.method !== 'GET') return sendJson(res, 405, { message: 'Use GET or POST' });
    sendJson(res, 200, { rateLimits: limiter.enabled, faults: faults.list() });
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
    dataPlane.close();
    await backend.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    demo,
    backendUrl: `http://127.0.0.1:${backend.port}`,
    faults,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        dataPlane.close();
        await backend.close();
        await stateWriter?.flush();
        await cloudwatchWriter?.flush();
      })()),
  };
}
