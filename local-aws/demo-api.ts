/**
 * The demo REST API's methods (what API Gateway would call its resources and methods), shared by the data plane
 * (routing), UpdateStage/CreateUsagePlan validation and GetExport. Every method requires an API key.
 */
import type { RestApiRecord } from './state';

export interface ApiRoute {
  /** Resource path template, e.g. "/pets/{id}". */
  path: string;
  method: string;
  operationId: string;
  summary: string;
  /** Component schema name of the JSON request body. */
  requestSchema?: string;
  /** status → description and optional component schema name. */
  responses: Record<string, { description: string; schema?: string }>;
  /**
   * The integration's cacheKeyParameters (AWS: `method.request.{path,querystring,header}.<name>`, each also declared
   * in the method's requestParameters). Only these, with the method and resource, make up the stage cache key.
   */
  cacheKeyParameters?: string[];
}

export const DEMO_ROUTES: ApiRoute[] = [
  {
    path: '/pets',
    method: 'GET',
    operationId: 'listPets',
    summary: 'List all pets',
    responses: { '200': { description: 'The pets', schema: 'PetList' } },
  },
  {
    path: '/pets',
    method: 'POST',
    operationId: 'createPet',
    summary: 'Create a pet',
    requestSchema: 'NewPet',
    responses: { '201': { description: 'The created pet', schema: 'Pet' }, '400': { description: 'Invalid body', schema: 'Error' } },
  },
  {
    path: '/pets/{id}',
    method: 'GET',
    operationId: 'getPet',
    summary: 'Get one pet',
    cacheKeyParameters: ['method.request.path.id'],
    responses: { '200': { description: 'The pet', schema: 'Pet' }, '404': { description: 'No such pet', schema: 'Error' } },
  },
  {
    path: '/data',
    method: 'GET',
    operationId: 'getData',
    summary: 'A slow report (150-400 ms), cached for an hour at the stage',
    cacheKeyParameters: ['method.request.querystring.category', 'method.request.header.Accept-Language'],
    responses: { '200': { description: 'The report', schema: 'Data' } },
  },
  {
    path: '/flaky',
    method: 'GET',
    operationId: 'getFlaky',
    summary: 'Fails with 500 about 10% of the time',
    responses: { '200': { description: 'Success', schema: 'Health' }, '500': { description: 'Random failure', schema: 'Error' } },
  },
  {
    path: '/health',
    method: 'GET',
    operationId: 'getHealth',
    summary: 'Backend health',
    responses: { '200': { description: 'Healthy', schema: 'Health' } },
  },
];

export const DEMO_SCHEMAS: Record<string, unknown> = {
  Pet: {
    type: 'object',
    required: ['id', 'name'],
    properties: { id: { type: 'integer' }, name: { type: 'string' }, type: { type: 'string' }, price: { type: 'number' } },
  },
  NewPet: {
    type: 'object',
    required: ['name'],
    properties: { name: { type: 'string' }, type: { type: 'string' }, price: { type: 'number' } },
  },
  PetList: { type: 'array', items: { $ref: '#/components/schemas/Pet' } },
  Data: {
    type: 'object',
    properties: { generatedAt: { type: 'string', format: 'date-time' }, rows: { type: 'array', items: { type: 'object' } } },
  },
  Health: { type: 'object', properties: { status: { type: 'string' } } },
  Error: { type: 'object', properties: { message: { type: 'string' } } },
};

export function routesOf(api: RestApiRecord): ApiRoute[] {
  return api.integration === 'demo' ? DEMO_ROUTES : [];
}

interface CompiledRoute {
  route: ApiRoute;
  segments: string[];
}

const compiled = new Map<ApiRoute[], CompiledRoute[]>();

/** Finds the route for a request path ("/pets/7") and method, or undefined. */
export function matchRoute(routes: ApiRoute[], method: string, path: string): ApiRoute | undefined {
  let table = compiled.get(routes);
  if (!table) {
    table = routes.map((route) => ({ route, segments: route.path.split('/').slice(1) }));
    compiled.set(routes, table);
  }
  const parts = path.split('/').slice(1);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  for (const { route, segments } of table) {
    if (route.method !== method || segments.length !== parts.length) continue;
    if (segments.every((s, i) => s.startsWith('{') || s === parts[i])) return route;
  }
  return undefined;
}
