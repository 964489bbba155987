/** TagResource, UntagResource, GetTags for REST APIs, stages, API keys and usage plans (by ARN). */
import { badRequest, notFound } from './errors';
import type { OperationContext, OperationHandler } from './operation';
import { optionalTags } from './validate';

function tagsOf(ctx: OperationContext, arn: string | undefined): Record<string, string> {
  const m = /^arn:aws:apigateway:[a-z0-9-]+::(\/.+)$/.exec(arn ?? '');
  if (!m?.[1]) throw badRequest(`Invalid ARN specified: ${arn ?? ''}`);
  const [, kind, id, sub, stageName] = m[1].split('/');
  const { data } = ctx.state;
  let holder: { tags: Record<string, string> } | undefined;
  if (kind === 'restapis' && id && sub === undefined) holder = data.restApis[id];
  else if (kind === 'restapis' && id && sub === 'stages' && stageName) holder = data.restApis[id]?.stages[stageName];
  else if (kind === 'apikeys' && id && sub === undefined) holder = data.apiKeys[id];
  else if (kind === 'usageplans' && id && sub === undefined) holder = data.usagePlans[id];
  if (!holder) throw notFound(`Invalid resource identifier specified: ${arn ?? ''}`);
  return holder.tags;
}

export const getTags: OperationHandler = (ctx) => ({ status: 200, json: { tags: tagsOf(ctx, ctx.params.resourceArn) } });

export const tagResource: OperationHandler = (ctx) => {
  const tags = tagsOf(ctx, ctx.params.resourceArn);
  const added = optionalTags(ctx.body) ?? {};
  if (Object.keys({ ...tags, ...added }).length > 50) throw badRequest('A resource can have at most 50 tags');
  Object.assign(tags, added);
  ctx.state.changed();
  return { status: 204 };
};

export const untagResource: OperationHandler = (ctx) => {
  const tags = tagsOf(ctx, ctx.params.resourceArn);
  for (const key of ctx.query.getAll('tagKeys')) delete tags[key];
  ctx.state.changed();
  return { status: 204 };
};
