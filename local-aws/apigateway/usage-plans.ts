/** CreateUsagePlan, GetUsagePlan(s), UpdateUsagePlan, DeleteUsagePlan. */
import type { ApiStageRecord, QuotaPeriod, QuotaSettings, ThrottleSettings, UsagePlanRecord } from '../state';
import { routesOf } from '../demo-api';
import { badRequest, conflict, limitExceeded, notFound } from './errors';
import { newUsagePlanId } from './ids';
import type { OperationContext, OperationHandler } from './operation';
import { bySeq, paginate } from './pagination';
import {
  optionalArray,
  optionalNumber,
  optionalObject,
  optionalString,
  optionalTags,
  patchNumber,
  patchValue,
  readPatchOperations,
  unsupportedPatch,
  type PatchOperation,
} from './validate';

const PERIODS: QuotaPeriod[] = ['DAY', 'WEEK', 'MONTH'];
const PLAN_PATHS = [
  '/name',
  '/description',
  '/throttle/rateLimit',
  '/throttle/burstLimit',
  '/quota/limit',
  '/quota/period',
  '/quota/offset',
  '/apiStages',
  '/apiStages/{apiId}:{stage}/throttle/{resourcePath}/{httpMethod}/rateLimit',
  '/apiStages/{apiId}:{stage}/throttle/{resourcePath}/{httpMethod}/burstLimit',
];

export function requireUsagePlan(ctx: OperationContext, id: string | undefined): UsagePlanRecord {
  const plan = id === undefined ? undefined : ctx.state.data.usagePlans[id];
  if (!plan) throw notFound('Invalid Usage Plan ID specified');
  return plan;
}

export function usagePlanJson(plan: UsagePlanRecord) {
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    apiStages: plan.apiStages.map((s) => ({ apiId: s.apiId, stage: s.stage, throttle: s.throttle })),
    throttle: plan.throttle,
    quota: plan.quota,
    tags: plan.tags,
  };
}

export const coversStage = (plan: UsagePlanRecord, apiId: string, stage: string) =>
  plan.apiStages.some((s) => s.apiId === apiId && s.stage === stage);

function readThrottle(raw: Record<string, unknown> | undefined, what: string): ThrottleSettings | undefined {
  if (!raw) return undefined;
  const rateLimit = optionalNumber(raw, 'rateLimit');
  const burstLimit = optionalNumber(raw, 'burstLimit');
  if (rateLimit !== undefined && rateLimit < 0) throw badRequest(`Invalid ${what} rate limit: must be >= 0`);
  if (burstLimit !== undefined && (burstLimit < 0 || !Number.isInteger(burstLimit))) {
    throw badRequest(`Invalid ${what} burst limit: must be an integer >= 0`);
  }
  return { burstLimit, rateLimit };
}

function validateQuota(quota: QuotaSettings): QuotaSettings {
  if (quota.limit !== undefined && (!Number.isInteger(quota.limit) || quota.limit < 0)) {
    throw badRequest('Invalid quota limit: must be a non-negative integer');
  }
  if (quota.period === undefined) throw badRequest('Invalid quota: period must be one of [DAY, WEEK, MONTH]');
  if (!PERIODS.includes(quota.period)) throw badRequest(`Invalid quota period: ${String(quota.period)}. Must be one of: [DAY, WEEK, MONTH]`);
  const maxOffset = { DAY: 0, WEEK: 6, MONTH: 27 }[quota.period];
  if (quota.offset !== undefined && (!Number.isInteger(quota.offset) || quota.offset < 0 || quota.offset > maxOffset)) {
    throw badRequest(`Invalid quota offset: ${quota.offset} for period ${quota.period}`);
  }
  return quota;
}

function readQuota(raw: Record<string, unknown> | undefined): QuotaSettings | undefined {
  if (!raw) return undefined;
  const period = optionalString(raw, 'period');
  return validateQuota({
    limit: optionalNumber(raw, 'limit'),
    offset: optionalNumber(raw, 'offset'),
    period: period as QuotaPeriod | undefined,
  });
}

/** "/pets/GET" or "*\/*" → validated against the API's routes. */
function validateMethodThrottleKey(ctx: OperationContext, apiId: string, key: string): void {
  if (key === '*/*') return;
  const api = ctx.state.data.restApis[apiId];
  const valid = api && routesOf(api).some((r) => `${r.path}/${r.method}` === key);
  if (!valid) throw badRequest(`Invalid method throttle key '${key}': expected '{resourcePath}/{httpMethod}' of an existing method, or '*/*'`);
}

function validateApiStage(ctx: OperationContext, planId: string, apiId: string, stage: string): void {
  if (!ctx.state.data.restApis[apiId]?.stages[stage]) {
    throw badRequest(`Invalid API Stage {api: ${apiId}, stage: ${stage}} specified for usageplan ${planId}`);
  }
}

function readApiStages(ctx: OperationContext, planId: string, raw: unknown[] | undefined): ApiStageRecord[] {
  const stages: ApiStageRecord[] = [];
  for (const item of raw ?? []) {
    const o = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const apiId = optionalString(o, 'apiId');
    const stage = optionalString(o, 'stage');
    if (!apiId || !stage) throw badRequest('Invalid API Stage: apiId and stage are required');
    validateApiStage(ctx, planId, apiId, stage);
    if (stages.some((s) => s.apiId === apiId && s.stage === stage)) throw badRequest(`Duplicate API Stage ${apiId}:${stage}`);
    const throttleRaw = optionalObject(o, 'throttle');
    let throttle: Record<string, ThrottleSettings> | undefined;
    if (throttleRaw) {
      throttle = {};
      for (const [key, value] of Object.entries(throttleRaw)) {
        validateMethodThrottleKey(ctx, apiId, key);
        const t = readThrottle(typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}, key);
        if (t) throttle[key] = t;
      }
    }
    stages.push({ apiId, stage, throttle });
  }
  return stages;
}

/** A key may not sit in two plans covering the same API stage. */
function assertNoStageConflict(ctx: OperationContext, plan: UsagePlanRecord, apiId: string, stage: string): void {
  for (const other of Object.values(ctx.state.data.usagePlans)) {
    if (other.id === plan.id || !coversStage(other, apiId, stage)) continue;
    const shared = plan.keyIds.find((k) => other.keyIds.includes(k));
    if (shared) {
      throw conflict(
        `Usage Plan ${other.id} cannot be added because API Key ${shared} cannot reference multiple Usage Plans with the same API Stage: ${apiId}:${stage}`,
      );
    }
  }
}

export const createUsagePlan: OperationHandler = (ctx) => {
  const { body, state } = ctx;
  if (Object.keys(state.data.usagePlans).length >= ctx.limits.maxUsagePlans) {
    throw limitExceeded(`Cannot exceed the limit of ${ctx.limits.maxUsagePlans} usage plans per account`);
  }
  const name = optionalString(body, 'name');
  if (!name) throw badRequest('Invalid usage plan name: a name is required');
  let id = newUsagePlanId();
  while (state.data.usagePlans[id]) id = newUsagePlanId();
  const plan: UsagePlanRecord = {
    id,
    seq: state.nextSeq(),
    name,
    description: optionalString(body, 'description'),
    apiStages: readApiStages(ctx, id, optionalArray(body, 'apiStages')),
    throttle: readThrottle(optionalObject(body, 'throttle'), 'throttle'),
    quota: readQuota(optionalObject(body, 'quota')),
    tags: optionalTags(body) ?? {},
    keyIds: [],
  };
  state.data.usagePlans[id] = plan;
  state.changed();
  return { status: 201, json: usagePlanJson(plan) };
};

export const getUsagePlan: OperationHandler = (ctx) => ({
  status: 200,
  json: usagePlanJson(requireUsagePlan(ctx, ctx.params.usagePlanId)),
});

export const getUsagePlans: OperationHandler = (ctx) => {
  const keyId = ctx.query.get('keyId');
  const plans = Object.values(ctx.state.data.usagePlans)
    .filter((p) => !keyId || p.keyIds.includes(keyId))
    .sort(bySeq);
  const page = paginate(plans, ctx.query);
  return { status: 200, json: { item: page.items.map(usagePlanJson), position: page.position } };
};

function patchApiStages(ctx: OperationContext, plan: UsagePlanRecord, op: PatchOperation): void {
  const [apiId, stage] = patchValue(op).split(':');
  if (!apiId || !stage) throw badRequest(`Invalid API Stage '${op.value ?? ''}': expected 'apiId:stage'`);
  const index = plan.apiStages.findIndex((s) => s.apiId === apiId && s.stage === stage);
  if (op.op === 'add') {
    validateApiStage(ctx, plan.id, apiId, stage);
    if (index >= 0) throw conflict(`API Stage ${apiId}:${stage} is already associated with usage plan ${plan.id}`);
    assertNoStageConflict(ctx, plan, apiId, stage);
    plan.apiStages.push({ apiId, stage });
  } else if (op.op === 'remove') {
    if (index < 0) throw notFound(`API Stage ${apiId}:${stage} is not associated with usage plan ${plan.id}`);
    plan.apiStages.splice(index, 1);
  } else throw unsupportedPatch(op, PLAN_PATHS);
}

/** `/apiStages/{apiId}:{stage}/throttle/{~1resource}/{METHOD}[/rateLimit|/burstLimit]` */
function patchMethodThrottle(ctx: OperationContext, plan: UsagePlanRecord, op: PatchOperation, segments: string[]): void {
  const [, apiStage, throttleWord, resource, method, field] = segments;
  const [apiId, stage] = (apiStage ?? '').split(':');
  const target = plan.apiStages.find((s) => s.apiId === apiId && s.stage === stage);
  if (!target || throttleWord !== 'throttle' || !resource || !method) throw unsupportedPatch(op, PLAN_PATHS);
  const decoded = resource.replace(/~1/g, '/');
  const key = resource === '*' ? `*/${method}` : `${decoded.startsWith('/') ? decoded : `/${decoded}`}/${method}`;
  validateMethodThrottleKey(ctx, target.apiId, key);
  if (op.op === 'remove' && field === undefined) {
    if (target.throttle) delete target.throttle[key];
    return;
  }
  if (op.op !== 'replace' || (field !== 'rateLimit' && field !== 'burstLimit')) throw unsupportedPatch(op, PLAN_PATHS);
  const throttle = (target.throttle ??= {});
  const entry = (throttle[key] ??= {});
  entry[field] = patchNumber(op, { integer: field === 'burstLimit' });
}

export const updateUsagePlan: OperationHandler = (ctx) => {
  const plan = requireUsagePlan(ctx, ctx.params.usagePlanId);
  const draft: UsagePlanRecord = structuredClone(plan);
  for (const op of readPatchOperations(ctx.body)) {
    const segments = op.path.slice(1).split('/');
    if (op.path === '/apiStages') {
      patchApiStages(ctx, draft, op);
      continue;
    }
    if (segments[0] === 'apiStages' && segments.length >= 5) {
      patchMethodThrottle(ctx, draft, op, segments);
      continue;
    }
    if (op.op === 'remove' && op.path === '/throttle') {
      draft.throttle = undefined;
      continue;
    }
    if (op.op === 'remove' && op.path === '/quota') {
      draft.quota = undefined;
      continue;
    }
    if (op.op !== 'replace') throw unsupportedPatch(op, PLAN_PATHS);
    switch (op.path) {
      case '/name':
        draft.name = patchValue(op);
        break;
      case '/description':
        draft.description = op.value;
        break;
      case '/throttle/rateLimit':
        draft.throttle = { ...draft.throttle, rateLimit: patchNumber(op) };
        break;
      case '/throttle/burstLimit':
        draft.throttle = { ...draft.throttle, burstLimit: patchNumber(op, { integer: true }) };
        break;
      case '/quota/limit':
        draft.quota = { ...draft.quota, limit: patchNumber(op, { integer: true }) };
        break;
      case '/quota/period':
        draft.quota = { ...draft.quota, period: patchValue(op) as QuotaPeriod };
        break;
      case '/quota/offset':
        draft.quota = { ...draft.quota, offset: patchNumber(op, { integer: true }) };
        break;
      default:
        throw unsupportedPatch(op, PLAN_PATHS);
    }
  }
  if (draft.quota) {
    if (draft.quota.period === undefined && draft.quota.limit !== undefined) draft.quota.period = 'DAY';
    validateQuota(draft.quota);
  }
  Object.assign(plan, draft);
  ctx.state.changed();
  return { status: 200, json: usagePlanJson(plan) };
};

export const deleteUsagePlan: OperationHandler = (ctx) => {
  const plan = requireUsagePlan(ctx, ctx.params.usagePlanId);
  if (plan.apiStages.length > 0) {
    throw badRequest(
      `Cannot delete Usage Plan ${plan.id} because there are API Stages associated with it, including ${plan.apiStages.map((s) => `${s.apiId}:${s.stage}`).join(', ')}`,
    );
  }
  delete ctx.state.data.usagePlans[plan.id];
  delete ctx.state.data.usage[plan.id];
  ctx.state.changed();
  return { status: 202 };
};
