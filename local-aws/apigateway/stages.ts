/** GetStages, GetStage, UpdateStage, FlushStageCache, FlushStageAuthorizersCache. */
import { routesOf } from '../demo-api';
import type { MethodSettingRecord, StageRecord } from '../state';
import { badRequest } from './errors';
import { canonicalMethodSettingKey, ensureMethodSetting, STAGE_DEFAULT_KEY } from './method-settings';
import { epochSeconds, type OperationContext, type OperationHandler } from './operation';
import { requireRestApi, requireStage } from './rest-apis';
import {
  patchBoolean,
  patchNumber,
  patchValue,
  readPatchOperations,
  unsupportedPatch,
  type PatchOperation,
} from './validate';

const CACHE_SIZES = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'];
const LOG_LEVELS = ['OFF', 'ERROR', 'INFO'];
const CACHE_CONTROL_STRATEGIES = ['FAIL_WITH_403', 'SUCCEED_WITH_RESPONSE_HEADER', 'SUCCEED_WITHOUT_RESPONSE_HEADER'];
const STAGE_PATHS = [
  '/cacheClusterEnabled',
  '/cacheClusterSize',
  '/description',
  '/tracingEnabled',
  '/variables/{name}',
  '/{resourcePath}/{httpMethod}/throttling/rateLimit',
  '/{resourcePath}/{httpMethod}/throttling/burstLimit',
  '/{resourcePath}/{httpMethod}/caching/enabled',
  '/{resourcePath}/{httpMethod}/caching/ttlInSeconds',
  '/{resourcePath}/{httpMethod}/caching/dataEncrypted',
  '/{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl',
  '/{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy',
  '/{resourcePath}/{httpMethod}/metrics/enabled',
  '/{resourcePath}/{httpMethod}/logging/loglevel',
  '/{resourcePath}/{httpMethod}/logging/dataTrace',
];

export function stageJson(stage: StageRecord) {
  return {
    deploymentId: stage.deploymentId,
    stageName: stage.stageName,
    description: stage.description,
    cacheClusterEnabled: stage.cacheClusterEnabled,
    cacheClusterSize: stage.cacheClusterEnabled ? stage.cacheClusterSize : undefined,
    cacheClusterStatus: stage.cacheClusterEnabled ? 'AVAILABLE' : 'NOT_AVAILABLE',
    methodSettings: stage.methodSettings,
    variables: stage.variables,
    tracingEnabled: stage.tracingEnabled,
    tags: stage.tags,
    createdDate: epochSeconds(stage.createdDate),
    lastUpdatedDate: epochSeconds(stage.lastUpdatedDate),
  };
}

export const getStages: OperationHandler = (ctx) => {
  const api = requireRestApi(ctx, ctx.params.restApiId);
  return { status: 200, json: { item: Object.values(api.stages).map(stageJson) } };
};

export const getStage: OperationHandler = (ctx) => ({
  status: 200,
  json: stageJson(requireStage(ctx, ctx.params.restApiId, ctx.params.stageName)),
});

type SettingField = keyof MethodSettingRecord;

function applyMethodSettingPatch(ctx: OperationContext, stage: StageRecord, op: PatchOperation, segments: string[]): void {
  const [resource, method, group, name] = segments;
  if (resource === undefined || method === undefined) throw unsupportedPatch(op, STAGE_PATHS);
  if ((resource === '*') !== (method === '*')) throw badRequest(`Invalid method setting path: ${op.path}`);
  const key = canonicalMethodSettingKey(resource, method);
  if (key !== STAGE_DEFAULT_KEY) {
    const api = requireRestApi(ctx, ctx.params.restApiId);
    const exists = routesOf(api).some((r) => canonicalMethodSettingKey(r.path, r.method) === key);
    if (!exists) throw badRequest(`Invalid method setting path: ${op.path}. Must be one of: [/*/*, ${routesOf(api).map((r) => `${r.path.replace(/\//g, '~1')}/${r.method}`).join(', ')}]`);
  }
  if (group === undefined) {
    if (op.op !== 'remove') throw unsupportedPatch(op, STAGE_PATHS);
    delete stage.methodSettings[key];
    return;
  }
  if (op.op !== 'replace') throw unsupportedPatch(op, STAGE_PATHS);
  const setting = ensureMethodSetting(stage, key);
  const set = <F extends SettingField>(field: F, value: MethodSettingRecord[F]) => {
    setting[field] = value;
  };
  switch (`${group}/${name ?? ''}`) {
    case 'throttling/rateLimit':
      return set('throttlingRateLimit', patchNumber(op));
    case 'throttling/burstLimit':
      return set('throttlingBurstLimit', patchNumber(op, { integer: true }));
    case 'caching/enabled':
      return set('cachingEnabled', patchBoolean(op));
    case 'caching/ttlInSeconds': {
      const ttl = patchNumber(op, { integer: true });
      if (ttl > 3600) throw badRequest('Invalid cache TTL: cacheTtlInSeconds must be between 0 and 3600');
      return set('cacheTtlInSeconds', ttl);
    }
    case 'caching/dataEncrypted':
      return set('cacheDataEncrypted', patchBoolean(op));
    case 'caching/requireAuthorizationForCacheControl':
      return set('requireAuthorizationForCacheControl', patchBoolean(op));
    case 'caching/unauthorizedCacheControlHeaderStrategy': {
      const v = patchValue(op);
      if (!CACHE_CONTROL_STRATEGIES.includes(v)) throw badRequest(`Invalid unauthorizedCacheControlHeaderStrategy: ${v}`);
      return set('unauthorizedCacheControlHeaderStrategy', v);
    }
    case 'metrics/enabled':
      return set('metricsEnabled', patchBoolean(op));
    case 'logging/loglevel': {
      const v = patchValue(op).toUpperCase();
      if (!LOG_LEVELS.includes(v)) throw badRequest(`Invalid logging level: ${op.value ?? ''}. Must be one of: [OFF, ERROR, INFO]`);
      return set('loggingLevel', v);
    }
    case 'logging/dataTrace':
      return set('dataTraceEnabled', patchBoolean(op));
    default:
      throw unsupportedPatch(op, STAGE_PATHS);
  }
}

export const updateStage: OperationHandler = (ctx) => {
  const stage = requireStage(ctx, ctx.params.restApiId, ctx.params.stageName);
  const ops = readPatchOperations(ctx.body);
  // Validate and apply on a copy so a bad operation leaves the stage untouched, as AWS does.
  const draft: StageRecord = structuredClone(stage);
  for (const op of ops) {
    const segments = op.path.slice(1).split('/');
    const [first] = segments;
    if (op.path === '/cacheClusterEnabled' && op.op === 'replace') draft.cacheClusterEnabled = patchBoolean(op);
    else if (op.path === '/cacheClusterSize' && op.op === 'replace') {
      const size = patchValue(op);
      if (!CACHE_SIZES.includes(size)) throw badRequest(`Invalid cache cluster size: ${size}. Must be one of: [${CACHE_SIZES.join(', ')}]`);
      draft.cacheClusterSize = size;
    } else if (op.path === '/description' && op.op === 'replace') draft.description = op.value;
    else if (op.path === '/tracingEnabled' && op.op === 'replace') draft.tracingEnabled = patchBoolean(op);
    else if (first === 'variables' && segments.length === 2 && segments[1]) {
      if (op.op === 'remove') delete draft.variables[segments[1]];
      else if (op.op === 'replace' || op.op === 'add') draft.variables[segments[1]] = patchValue(op);
      else throw unsupportedPatch(op, STAGE_PATHS);
    } else if (segments.length === 2 || segments.length === 4) applyMethodSettingPatch(ctx, draft, op, segments);
    else throw unsupportedPatch(op, STAGE_PATHS);
  }
  const cacheWasEnabled = stage.cacheClusterEnabled;
  Object.assign(stage, draft, { lastUpdatedDate: ctx.now() });
  if (cacheWasEnabled && !stage.cacheClusterEnabled) ctx.caches.flush(ctx.params.restApiId ?? '', stage.stageName);
  ctx.state.changed();
  return { status: 200, json: stageJson(stage) };
};

export const flushStageCache: OperationHandler = (ctx) => {
  const stage = requireStage(ctx, ctx.params.restApiId, ctx.params.stageName);
  ctx.caches.flush(ctx.params.restApiId ?? '', stage.stageName);
  return { status: 202 };
};

export const flushStageAuthorizersCache: OperationHandler = (ctx) => {
  // No authorizers are emulated, so there is nothing cached; AWS answers 202 all the same.
  requireStage(ctx, ctx.params.restApiId, ctx.params.stageName);
  return { status: 202 };
};
