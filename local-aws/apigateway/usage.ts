/** GetUsage and UpdateUsage over the usage ledger. */
import type { ApiKeyRecord } from '../state';
import { dayString, epochDayOf, keyUsage, parseDay, remainingAt, setRemaining, usedOn } from '../usage-ledger';
import { badRequest, notFound } from './errors';
import type { OperationHandler } from './operation';
import { bySeq, paginate } from './pagination';
import { requireUsagePlan } from './usage-plans';
import { patchNumber, readPatchOperations, unsupportedPatch } from './validate';

/**
 * Longest date range one GetUsage call may span: AWS answers at most 90 days (startDate..endDate) per request with a
 * BadRequestException. Counted inclusively here (the stricter reading), so a client that passes here passes in AWS.
 * The wording of AWS's message is not verified; the code and status are what clients act on.
 */
export const MAX_RANGE_DAYS = 90;

export const getUsage: OperationHandler = (ctx) => {
  const plan = requireUsagePlan(ctx, ctx.params.usagePlanId);
  const startText = ctx.query.get('startDate');
  const endText = ctx.query.get('endDate');
  if (!startText) throw badRequest('Invalid start date: startDate is required (YYYY-MM-DD)');
  if (!endText) throw badRequest('Invalid end date: endDate is required (YYYY-MM-DD)');
  const start = parseDay(startText);
  const end = parseDay(endText);
  if (start === undefined) throw badRequest(`Invalid start date: ${startText}`);
  if (end === undefined) throw badRequest(`Invalid end date: ${endText}`);
  if (start > end) throw badRequest('The start date must not be after the end date');
  if (end - start + 1 > MAX_RANGE_DAYS) throw badRequest(`The usage data date range cannot be greater than ${MAX_RANGE_DAYS} days: ${startText} to ${endText} is ${end - start + 1} days`);
  const keyId = ctx.query.get('keyId');
  const keys = plan.keyIds
    .filter((id) => !keyId || id === keyId)
    .map((id) => ctx.state.data.apiKeys[id])
    .filter((k): k is ApiKeyRecord => k !== undefined)
    .sort(bySeq);
  const page = paginate(keys, ctx.query);
  const values: Record<string, [number, number][]> = {};
  for (const key of page.items) {
    const usage = keyUsage(ctx.state, plan.id, key.id);
    const days: [number, number][] = [];
    for (let day = start; day <= end; day++) days.push([usedOn(usage, day), remainingAt(plan, usage, day) ?? 0]);
    values[key.id] = days;
  }
  return {
    status: 200,
    json: { usagePlanId: plan.id, startDate: startText, endDate: endText, position: page.position, values },
  };
};

export const updateUsage: OperationHandler = (ctx) => {
  const plan = requireUsagePlan(ctx, ctx.params.usagePlanId);
  const keyId = ctx.params.keyId;
  if (keyId === undefined || !plan.keyIds.includes(keyId)) throw notFound('Invalid Usage Plan Key identifier specified');
  if (plan.quota?.limit === undefined) throw badRequest(`Usage Plan ${plan.id} has no quota, so there is no remaining usage to update`);
  const today = epochDayOf(ctx.now());
  for (const op of readPatchOperations(ctx.body)) {
    if (op.op !== 'replace' || op.path !== '/remaining') throw unsupportedPatch(op, ['/remaining']);
    setRemaining(ctx.state, plan, keyId, today, patchNumber(op, { integer: true }));
  }
  const usage = keyUsage(ctx.state, plan.id, keyId);
  const todayText = dayString(today);
  return {
    status: 200,
    json: {
      usagePlanId: plan.id,
      startDate: todayText,
      endDate: todayText,
      values: { [keyId]: [[usedOn(usage, today), remainingAt(plan, usage, today) ?? 0]] },
    },
  };
};
