/** CreateApiKey, GetApiKey, GetApiKeys, UpdateApiKey, DeleteApiKey. */
import type { ApiKeyRecord } from '../state';
import { badRequest, conflict, limitExceeded, notFound } from './errors';
import { newApiKeyId, newApiKeyValue } from './ids';
import { epochSeconds, type OperationContext, type OperationHandler } from './operation';
import { bySeq, paginate } from './pagination';
import {
  optionalArray,
  optionalBoolean,
  optionalString,
  optionalTags,
  patchBoolean,
  patchValue,
  readPatchOperations,
  unsupportedPatch,
} from './validate';

const KEY_PATHS = ['/name', '/description', '/enabled', '/customerId', '/stages'];

export function requireApiKey(ctx: OperationContext, id: string | undefined): ApiKeyRecord {
  const key = id === undefined ? undefined : ctx.state.data.apiKeys[id];
  if (!key) throw notFound('Invalid API Key identifier specified');
  return key;
}

export function apiKeyJson(key: ApiKeyRecord, includeValue: boolean) {
  return {
    id: key.id,
    value: includeValue ? key.value : undefined,
    name: key.name,
    customerId: key.customerId,
    description: key.description,
    enabled: key.enabled,
    createdDate: epochSeconds(key.createdDate),
    lastUpdatedDate: epochSeconds(key.lastUpdatedDate),
    stageKeys: key.stageKeys,
    tags: key.tags,
  };
}

function validateKeyValue(ctx: OperationContext, value: string): void {
  if (value.length < 20) throw badRequest('API Key value should be at least 20 characters');
  if (value.length > 128) throw badRequest('API Key value should be at most 128 characters');
  if (!/^[\x21-\x7e]+$/.test(value)) throw badRequest('API Key value contains invalid characters');
  if (ctx.state.keyByValue(value)) throw conflict('API Key value already exists');
}

function validateStageKey(ctx: OperationContext, restApiId: unknown, stageName: unknown): string {
  if (typeof restApiId !== 'string' || typeof stageName !== 'string') throw badRequest('Invalid stage key: restApiId and stageName are required');
  if (!ctx.state.data.restApis[restApiId]?.stages[stageName]) throw badRequest(`Invalid stage key specified: ${restApiId}/${stageName}`);
  return `${restApiId}/${stageName}`;
}

export const createApiKey: OperationHandler = (ctx) => {
  const { body, state } = ctx;
  if (Object.keys(state.data.apiKeys).length >= ctx.limits.maxApiKeys) {
    throw limitExceeded(`Cannot exceed the limit of ${ctx.limits.maxApiKeys} API keys per account`);
  }
  const value = optionalString(body, 'value');
  if (value !== undefined) validateKeyValue(ctx, value);
  const stageKeys = (optionalArray(body, 'stageKeys') ?? []).map((sk) => {
    const o = (typeof sk === 'object' && sk !== null ? sk : {}) as Record<string, unknown>;
    return validateStageKey(ctx, o.restApiId, o.stageName);
  });
  let id = newApiKeyId();
  while (state.data.apiKeys[id]) id = newApiKeyId();
  const now = ctx.now();
  const key: ApiKeyRecord = {
    id,
    seq: state.nextSeq(),
    value: value ?? newApiKeyValue(),
    name: optionalString(body, 'name') ?? id,
    description: optionalString(body, 'description'),
    customerId: optionalString(body, 'customerId'),
    // The API (unlike the console) creates disabled keys unless told otherwise.
    enabled: optionalBoolean(body, 'enabled') ?? false,
    createdDate: now,
    lastUpdatedDate: now,
    stageKeys: [...new Set(stageKeys)],
    tags: optionalTags(body) ?? {},
  };
  state.data.apiKeys[id] = key;
  state.changed();
  return { status: 201, json: apiKeyJson(key, true) };
};

export const getApiKey: OperationHandler = (ctx) => {
  const key = requireApiKey(ctx, ctx.params.apiKey);
  return { status: 200, json: apiKeyJson(key, ctx.query.get('includeValue') === 'true') };
};

export const getApiKeys: OperationHandler = (ctx) => {
  const namePrefix = ctx.query.get('name') ?? '';
  const customerId = ctx.query.get('customerId');
  const includeValues = ctx.query.get('includeValues') === 'true';
  const matching = Object.values(ctx.state.data.apiKeys)
    .filter((k) => k.name.startsWith(namePrefix) && (!customerId || k.customerId === customerId))
    .sort(bySeq);
  const page = paginate(matching, ctx.query);
  return { status: 200, json: { item: page.items.map((k) => apiKeyJson(k, includeValues)), position: page.position } };
};

export const updateApiKey: OperationHandler = (ctx) => {
  const key = requireApiKey(ctx, ctx.params.apiKey);
  const draft: ApiKeyRecord = structuredClone(key);
  for (const op of readPatchOperations(ctx.body)) {
    if (op.path === '/stages' && (op.op === 'add' || op.op === 'remove')) {
      const [apiId, stageName] = patchValue(op).split('/');
      const stageKey = validateStageKey(ctx, apiId, stageName);
      draft.stageKeys = draft.stageKeys.filter((s) => s !== stageKey);
      if (op.op === 'add') draft.stageKeys.push(stageKey);
      continue;
    }
    if (op.op !== 'replace') throw unsupportedPatch(op, KEY_PATHS);
    switch (op.path) {
      case '/enabled':
        draft.enabled = patchBoolean(op);
        break;
      case '/name':
        draft.name = patchValue(op);
        break;
      case '/description':
        draft.description = op.value;
        break;
      case '/customerId':
        draft.customerId = op.value;
        break;
      default:
        throw unsupportedPatch(op, KEY_PATHS);
    }
  }
  Object.assign(key, draft, { lastUpdatedDate: ctx.now() });
  ctx.state.changed();
  return { status: 200, json: apiKeyJson(key, false) };
};

export const deleteApiKey: OperationHandler = (ctx) => {
  const key = requireApiKey(ctx, ctx.params.apiKey);
  const { data } = ctx.state;
  for (const plan of Object.values(data.usagePlans)) {
    plan.keyIds = plan.keyIds.filter((id) => id !== key.id);
    delete data.usage[plan.id]?.[key.id];
  }
  delete data.apiKeys[key.id];
  ctx.state.changed();
  return { status: 202 };
};
