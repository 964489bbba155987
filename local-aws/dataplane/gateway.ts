/**
 * The data plane: `ANY /restapis/{apiId}/{stage}/_user_request_/{path}`. Checks the API key and its usage plan,
 * throttles, enforces the quota, counts usage, serves the stage cache and proxies to the demo backend, then records
 * AWS/ApiGateway metrics.
 */
import { Agent, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { effectiveMethodSetting } from '../apigateway/method-settings';
import type { Dimension, MetricSink } from '../cloudwatch-binding';
import { matchRoute, routesOf, type ApiRoute } from '../demo-api';
import { sleep, type Faults } from '../faults';
import type { GatewayState, MethodSettingRecord, StageRecord, UsagePlanRecord } from '../state';
import { epochDayOf, keyUsage, recordRequest } from '../usage-ledger';
import type { StageCaches } from './cache';
import { cacheControlDecision, stageCacheKey, UNAUTHORIZED_CACHE_CONTROL_WARNING } from './cache-key';
import { withinQuota } from './quota';
import { normaliseThrottle, ThrottleBuckets, type ThrottleLimit } from './throttle';

const INTEGRATION_TIMEOUT_MS = 29_000;
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
  'content-length',
]);

export interface DataPlaneOptions {
  state: GatewayState;
  now: () => number;
  caches: StageCaches;
  faults: Faults;
  metrics: () => MetricSink;
  backend: () => { host: string; port: number };
}

interface BackendResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

class IntegrationTimeout extends Error {}

/** What one request contributes to CloudWatch. */
interface Outcome {
  status: number;
  integrationMs?: number;
  cache?: 'Hit' | 'Miss';
}

export class DataPlane {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64, timeout: 60_000 });
  private readonly throttles = new ThrottleBuckets();
  private readonly dimensions = new Map<string, Dimension[]>();

  constructor(private readonly opts: DataPlaneOptions) {}

  close(): void {
    this.agent.destroy();
  }

  async handle(req: IncomingMessage, res: ServerResponse, apiId: string, stageName: string, path: string, search: string, body: Buffer): Promise<void> {
    const started = performance.now();
    const { state } = this.opts;
    const api = state.data.restApis[apiId];
    const stage = api?.stages[stageName];
    if (!api || !stage) return void reply(res, 403, 'ForbiddenException', 'Forbidden');
    const method = req.method ?? 'GET';
    const route = matchRoute(routesOf(api), method, path);
    let outcome: Outcome | undefined;
    let setting: MethodSettingRecord | undefined;
    if (!route) outcome = reply(res, 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    else {
      setting = effectiveMethodSetting(stage, route);
      outcome = await this.serve(req, res, api.id, stage, route, setting, method, path, search, body);
    }
    // A dropped connection (fault injection) never reached API Gateway's metrics.
    if (outcome) this.record(api.name, stageName, route, setting?.metricsEnabled === true, outcome, performance.now() - started);
  }

  private async serve(
    req: IncomingMessage,
    res: ServerResponse,
    apiId: string,
    stage: StageRecord,
    route: ApiRoute,
    setting: MethodSettingRecord | undefined,
    method: string,
    path: string,
    search: string,
    body: Buffer,
  ): Promise<Outcome | undefined> {
    const { state, now: clock } = this.opts;

    const fault = this.opts.faults.decide('dataplane', 'dataplane');
    if (fault) {
      if (fault.latencyMs > 0) await sleep(fault.latencyMs);
      if (fault.drop) {
        req.socket.destroy();
        return undefined;
      }
      if (fault.error === 'throttle') return reply(res, 429, 'TooManyRequestsException', 'Too Many Requests', { 'retry-after': '1' });
      if (fault.error) return reply(res, 503, 'ServiceUnavailableException', 'Service Unavailable');
    }

    const keyValue = req.headers['x-api-key'];
    const key = typeof keyValue === 'string' ? state.keyByValue(keyValue) : undefined;
    const plan = key?.enabled ? state.planForKeyStage(key.id, apiId, stage.stageName) : undefined;
    if (!key || !plan) return reply(res, 403, 'ForbiddenException', 'Forbidden');

    const now = clock();
    if (!this.throttles.admit(throttleLimits(plan, key.id, apiId, stage.stageName, route, setting), now)) {
      return reply(res, 429, 'TooManyRequestsException', 'Too Many Requests');
    }
    const today = epochDayOf(now);
    if (!withinQuota(plan, keyUsage(state, plan.id, key.id), today)) {
      return reply(res, 429, 'LimitExceededException', 'Limit Exceeded');
    }
    recordRequest(state, plan.id, key.id, today);

    const cacheTtl = method === 'GET' && stage.cacheClusterEnabled && setting?.cachingEnabled ? setting.cacheTtlInSeconds : 0;
    const cacheKey = cacheTtl > 0 ? stageCacheKey(route, method, path, search, req.headers) : '';
    const extraHeaders: Record<string, string> = {};
    if (cacheTtl > 0 && setting) {
      const control = cacheControlDecision(req.headers, setting);
      if (control.kind === 'deny') {
        return reply(res, 403, 'AccessDeniedException', `User: anonymous is not authorized to perform: execute-api:InvalidateCache on resource: arn:aws:execute-api:us-east-1:000000000000:${apiId}/${stage.stageName}/${method}${route.path}`);
      }
      if (control.kind === 'ignore' && control.warningHeader) extraHeaders.warning = UNAUTHORIZED_CACHE_CONTROL_WARNING;
      if (control.kind !== 'invalidate') {
        const hit = this.opts.caches.get(apiId, stage.stageName, cacheKey, now);
        if (hit) {
          send(res, hit.status, { ...hit.headers, ...extraHeaders, 'x-cache': 'Hit' }, hit.body);
          return { status: hit.status, cache: 'Hit' };
        }
      }
    }

    const integrationStarted = performance.now();
    let upstream: BackendResponse;
    try {
      upstream = await this.forward(method, `${path}${search}`, req.headers, body);
    } catch (error) {
      if (error instanceof IntegrationTimeout) return reply(res, 504, 'IntegrationTimeout', 'Endpoint request timed out');
      return reply(res, 500, 'InternalServerErrorException', 'Internal server error');
    }
    const integrationMs = performance.now() - integrationStarted;
    if (cacheTtl > 0) {
      if (upstream.status >= 200 && upstream.status < 300) {
        this.opts.caches.set(apiId, stage.stageName, cacheKey, { ...upstream, expiresAt: now + cacheTtl * 1000 });
      }
      send(res, upstream.status, { ...upstream.headers, ...extraHeaders, 'x-cache': 'Miss' }, upstream.body);
      return { status: upstream.status, integrationMs, cache: 'Miss' };
    }
    send(res, upstream.status, upstream.headers, upstream.body);
    return { status: upstream.status, integrationMs };
  }

  private forward(method: string, pathAndQuery: string, incoming: IncomingHttpHeaders, body: Buffer, retry = true): Promise<BackendResponse> {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(incoming)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    if (body.length > 0) headers['content-length'] = String(body.length);
    const { host, port } = this.opts.backend();
    return new Promise((resolve, reject) => {
      const req = request({ host, port, method, path: pathAndQuery, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const out: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: res.statusCode ?? 502, headers: out, body: chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks) });
        });
      });
      const timer = setTimeout(() => req.destroy(new IntegrationTimeout()), INTEGRATION_TIMEOUT_MS);
      req.on('close', () => clearTimeout(timer));
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the backend closed just as we reused it: try once on a fresh one.
        if (retry && req.reusedSocket && error.code === 'ECONNRESET') {
          this.forward(method, pathAndQuery, incoming, body, false).then(resolve, reject);
        } else reject(error);
      });
      req.end(body.length > 0 ? body : undefined);
    });
  }

  private dimensionsFor(id: string, make: () => Dimension[]): Dimension[] {
    let dims = this.dimensions.get(id);
    if (!dims) {
      dims = make();
      this.dimensions.set(id, dims);
    }
    return dims;
  }

  /** AWS/ApiGateway metrics: per API stage always, per method too when the method has detailed metrics enabled. */
  private record(apiName: string, stage: string, route: ApiRoute | undefined, detailed: boolean, outcome: Outcome, latencyMs: number): void {
    const sink = this.opts.metrics();
    const ts = this.opts.now();
    const stageDims = this.dimensionsFor(`${apiName}\u0000${stage}`, () => [
      { Name: 'ApiName', Value: apiName },
      { Name: 'Stage', Value: stage },
    ]);
    putRequestMetrics(sink, stageDims, outcome, latencyMs, ts);
    if (detailed && route) {
      const methodDims = this.dimensionsFor(`${apiName}\u0000${stage}\u0000${route.method}\u0000${route.path}`, () => [
        { Name: 'ApiName', Value: apiName },
        { Name: 'Method', Value: route.method },
        { Name: 'Resource', Value: route.path },
        { Name: 'Stage', Value: stage },
      ]);
      putRequestMetrics(sink, methodDims, outcome, latencyMs, ts);
    }
  }
}

function putRequestMetrics(sink: MetricSink, dims: Dimension[], outcome: Outcome, latencyMs: number, ts: number): void {
  const ns = 'AWS/ApiGateway';
  sink.putMetric(ns, 'Count', dims, 1, 'Count', ts);
  sink.putMetric(ns, '4XXError', dims, outcome.status >= 400 && outcome.status < 500 ? 1 : 0, 'Count', ts);
  sink.putMetric(ns, '5XXError', dims, outcome.status >= 500 ? 1 : 0, 'Count', ts);
  sink.putMetric(ns, 'Latency', dims, latencyMs, 'Milliseconds', ts);
  if (outcome.integrationMs !== undefined) sink.putMetric(ns, 'IntegrationLatency', dims, outcome.integrationMs, 'Milliseconds', ts);
  if (outcome.cache) {
    sink.putMetric(ns, 'CacheHitCount', dims, outcome.cache === 'Hit' ? 1 : 0, 'Count', ts);
    sink.putMetric(ns, 'CacheMissCount', dims, outcome.cache === 'Miss' ? 1 : 0, 'Count', ts);
  }
}

/** Every throttle that applies to this request; the strictest one decides. */
function throttleLimits(
  plan: UsagePlanRecord,
  keyId: string,
  apiId: string,
  stageName: string,
  route: ApiRoute,
  setting: MethodSettingRecord | undefined,
): ThrottleLimit[] {
  const limits: ThrottleLimit[] = [];
  const planLimit = normaliseThrottle(plan.throttle?.rateLimit, plan.throttle?.burstLimit);
  if (planLimit) limits.push({ id: `plan|${plan.id}|${keyId}`, ...planLimit });
  const methodKey = `${route.path}/${route.method}`;
  const apiStage = plan.apiStages.find((s) => s.apiId === apiId && s.stage === stageName);
  const perMethod = apiStage?.throttle?.[methodKey] ?? apiStage?.throttle?.['*/*'];
  const methodLimit = normaliseThrottle(perMethod?.rateLimit, perMethod?.burstLimit);
  if (methodLimit) limits.push({ id: `method|${plan.id}|${keyId}|${methodKey}`, ...methodLimit });
  // Stage and method settings throttle the stage as a whole (all callers together), as in AWS.
  if (setting) {
    limits.push({ id: `stage|${apiId}|${stageName}|${methodKey}`, rate: setting.throttlingRateLimit, burst: setting.throttlingBurstLimit });
  }
  return limits;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  res.writeHead(status, { ...headers, 'content-length': body.length, 'x-amzn-requestid': randomUUID() });
  res.end(body);
}

function reply(res: ServerResponse, status: number, errorType: string, message: string, extraHeaders: Record<string, string> = {}): Outcome {
  const body = Buffer.from(JSON.stringify({ message }));
  send(res, status, { 'content-type': 'application/json', 'x-amzn-errortype': errorType, ...extraHeaders }, body);
  return { status };
}
