/** CreateUsagePlanKey, GetUsagePlanKeys, GetUsagePlanKey, DeleteUsagePlanKey. */
import type { ApiKeyRecord } from '../state';
import { requireApiKey } from './api-keys';
import { badRequest, conflict, limitExceeded, notFound } from './errors';
import type { OperationHandler } from './operation';
import { bySeq, paginate } from './pagination';
import { coversStage, requireUsagePlan } from './usage-plans';
import { epochDayOf, keyUsage, setRemaining } from '../usage-ledger';
import { optionalString } from './validate';

export const usagePlanKeyJson = (key: ApiKeyRecord) => ({ id: key.id, type: 'API_KEY', value: key.value, name: key.name });

export const createUsagePlanKey: OperationHandler = (ctx) => {
  const plan = requireUsagePlan(ctx, ctx.params.usagePlanId);
  const keyId = optionalString(ctx.body, 'keyId');
  const keyType = optionalString(ctx.body, 'keyType');
  if (!keyId) throw badRequest('Invalid key identifier: keyId is required');
  if (keyType !== 'API_KEY') throw badRequest(`Invalid key type specified: ${keyType ?? '(none)'}. Must be one of: [API_KEY]`);
  const key = requireApiKey(ctx, keyId);
  if (plan.keyIds.includes(key.id)) throw conflict(`Usage Plan ${plan.id} already contains API Key ${key.id}`);
  const plansOfKey = ctx.state.plansOfKey(key.id);
  for (const other of plansOfKey) {
    const shared = plan.apiStages.find((s) => coversStage(other, s.apiId, s.stage));
    if (shared) {
      throw conflict(
        `Usage Plan ${plan.id} cannot be added because API Key ${key.id} cannot reference multiple Usage Plans with the same API Stage: ${shared.apiId}:${shared.stage}`,
      );
    }
  }
  if (plansOfKey.length >= ctx.limits.maxPlansPerKey) {
    throw limitExceeded(`API Key ${key.id} cannot be added to more than ${ctx.limits.maxPlansPerKey} usage plans`);
  }
  plan.keyIds.push(key.id);
  // AWS: a key newly added to a plan starts with the plan's full quota, also when it was in the plan earlier in the
  // period (removed and added back). The days' counts stay for GetUsage; only the remaining quota starts afresh.
  if (keyUsage(ctx.state, plan.id, key.id)) setRemaining(ctx.state, plan, key.id, epochDayOf(ctx.now()), plan.quota?.limit ?? 0);
  ctx.state.changed();
  return { status: 201, json: usagePlanKeyJson(key) };
};

export const getUsagePlanKeys: OperationHandler = (ctx) => {
  const plan = requireUsagePlan(ctx, ctx.params.usagePlanId);
  const prefix = ctx.query.get('name') ?? '';
  const keys = plan.keyIds
    .map((id) => ctx.state.data.apiKeys[id])
    .filter((k): k is ApiKeyRecord => k !== undefined && k.name.startsWith(prefix))
    .sort(bySeq);
  const page = paginate(keys, ctx.query);
  return { status: 200, json: { item: page.items.map(usagePlanKeyJson), position: page.position } };
};

function requirePlanKey(planKeyIds: string[], keyId: string | undefined): string {
  if (keyId === undefined || !planKeyIds.includes(keyId)) throw notFound('Invalid Usage Plan Key identifier specified');
  return keyId;
}

export const getUsagePlanKey: OperationHandler = (ctx) => {
  const plan = requireUsagePlan(ctx, ctx.params.usagePlanId);
  const keyId = requirePlanKey(plan.keyIds, ctx.params.keyId);
  return { status: 200, json: usagePlanKeyJson(requireApiKey(ctx, keyId)) };
};

export const deleteUsagePlanKey: OperationHandler = (ctx) => {
  const plan = requireUsagePlan(ctx, ctx.params.usagePlanId);
  const keyId = requirePlanKey(plan.keyIds, ctx.params.keyId);
  plan.keyIds = plan.keyIds.filter((id) => id !== keyId);
  ctx.state.changed();
  return { status: 202 };
};
