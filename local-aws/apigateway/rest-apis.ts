/** GetRestApis / GetRestApi. (APIs are created by the seed; CreateRestApi is not emulated.) */
import type { RestApiRecord, StageRecord } from '../state';
import { notFound } from './errors';
import { epochSeconds, type OperationContext, type OperationHandler } from './operation';
import { bySeq, paginate } from './pagination';

export function requireRestApi(ctx: OperationContext, id: string | undefined): RestApiRecord {
  const api = id === undefined ? undefined : ctx.state.data.restApis[id];
  if (!api) throw notFound('Invalid API identifier specified');
  return api;
}

export function requireStage(ctx: OperationContext, apiId: string | undefined, stageName: string | undefined): StageRecord {
  const api = requireRestApi(ctx, apiId);
  const stage = stageName === undefined ? undefined : api.stages[stageName];
  if (!stage) throw notFound('Invalid Stage identifier specified');
  return stage;
}

export function restApiJson(api: RestApiRecord) {
  return {
    id: api.id,
    name: api.name,
    description: api.description,
    createdDate: epochSeconds(api.createdDate),
    apiKeySource: 'HEADER',
    endpointConfiguration: { types: ['EDGE'] },
    disableExecuteApiEndpoint: false,
    rootResourceId: api.rootResourceId,
    tags: api.tags,
  };
}

export const getRestApis: OperationHandler = (ctx) => {
  const page = paginate(Object.values(ctx.state.data.restApis).sort(bySeq), ctx.query);
  return { status: 200, json: { item: page.items.map(restApiJson), position: page.position } };
};

export const getRestApi: OperationHandler = (ctx) => ({
  status: 200,
  json: restApiJson(requireRestApi(ctx, ctx.params.restApiId)),
});
