/**
 * GetResources / GetResource: the REST API's resource tree, derived from its routes (the demo API's methods).
 * As in AWS, every resource has an id, its parent's id, its last path segment (`pathPart`) and full `path`; the
 * root "/" has no parent or pathPart. `resourceMethods` maps each HTTP verb to its Method: only the verbs (empty
 * objects) unless the request asks for `embed=methods`, then the whole Method.
 */
import { createHash } from 'node:crypto';
import { routesOf, type ApiRoute } from '../demo-api';
import type { RestApiRecord } from '../state';
import { badRequest, notFound } from './errors';
import type { OperationHandler } from './operation';
import { paginate } from './pagination';
import { requireRestApi } from './rest-apis';

interface ResourceNode {
  seq: number;
  id: string;
  parentId?: string;
  pathPart?: string;
  path: string;
  routes: ApiRoute[];
}

/** A stable 10-character id per API and path (resources are not created through the control plane here). */
function resourceId(api: RestApiRecord, path: string): string {
  if (path === '/') return api.rootResourceId;
  const digest = createHash('sha256').update(`${api.id}\u0000${path}`).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(digest.subarray(0, 10), (b) => alphabet[b % alphabet.length]).join('');
}

/** The tree in path order: "/" first, then every path prefix of every route. */
export function resourceTree(api: RestApiRecord): ResourceNode[] {
  const paths = new Set<string>(['/']);
  for (const route of routesOf(api)) {
    const parts = route.path.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) paths.add(`/${parts.slice(0, i).join('/')}`);
  }
  return [...paths].sort().map((path, i) => {
    const parent = path === '/' ? undefined : path.slice(0, path.lastIndexOf('/')) || '/';
    return {
      seq: i + 1,
      id: resourceId(api, path),
      ...(parent === undefined ? {} : { parentId: resourceId(api, parent), pathPart: path.slice(path.lastIndexOf('/') + 1) }),
      path,
      routes: routesOf(api).filter((r) => r.path === path),
    };
  });
}

function methodJson(route: ApiRoute) {
  return {
    httpMethod: route.method,
    authorizationType: 'NONE',
    apiKeyRequired: true,
    operationName: route.operationId,
    methodResponses: Object.fromEntries(Object.keys(route.responses).map((status) => [status, { statusCode: status }])),
  };
}

/** `embed` is a comma-separated list; AWS supports only "methods". */
function embedsMethods(query: URLSearchParams): boolean {
  const values = query.getAll('embed').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const v of values) if (v !== 'methods') throw badRequest(`Invalid embed parameter value: ${v}`);
  return values.includes('methods');
}

function resourceJson(node: ResourceNode, embed: boolean) {
  return {
    id: node.id,
    ...(node.parentId === undefined ? {} : { parentId: node.parentId, pathPart: node.pathPart }),
    path: node.path,
    ...(node.routes.length > 0
      ? { resourceMethods: Object.fromEntries(node.routes.map((r) => [r.method, embed ? methodJson(r) : {}])) }
      : {}),
  };
}

export const getResources: OperationHandler = (ctx) => {
  const api = requireRestApi(ctx, ctx.params.restApiId);
  const embed = embedsMethods(ctx.query);
  const page = paginate(resourceTree(api), ctx.query);
  return { status: 200, json: { item: page.items.map((n) => resourceJson(n, embed)), position: page.position } };
};

export const getResource: OperationHandler = (ctx) => {
  const api = requireRestApi(ctx, ctx.params.restApiId);
  const node = resourceTree(api).find((n) => n.id === ctx.params.resourceId);
  if (!node) throw notFound('Invalid Resource identifier specified');
  return { status: 200, json: resourceJson(node, embedsMethods(ctx.query)) };
};
