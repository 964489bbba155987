/** GetExport: an OpenAPI 3.0 (oas30) or Swagger 2.0 document of a stage, as JSON or YAML. */
import { routesOf, DEMO_SCHEMAS, type ApiRoute } from '../demo-api';
import type { RestApiRecord } from '../state';
import { badRequest } from './errors';
import type { OperationHandler } from './operation';
import { requireRestApi, requireStage } from './rest-apis';

type ExportType = 'oas30' | 'swagger';

const API_KEY_SCHEME = { type: 'apiKey', name: 'x-api-key', in: 'header' };

function pathParameters(route: ApiRoute) {
  return [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true }));
}

function integration(route: ApiRoute) {
  return {
    type: 'http_proxy',
    httpMethod: route.method,
    uri: `http://demo-backend${route.path}`,
    passthroughBehavior: 'when_no_match',
    responses: { default: { statusCode: '200' } },
  };
}

function operation(route: ApiRoute, type: ExportType, withIntegrations: boolean) {
  const ref = (name: string) => ({ $ref: type === 'oas30' ? `#/components/schemas/${name}` : `#/definitions/${name}` });
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(route.responses)) {
    if (type === 'oas30') {
      responses[status] = r.schema ? { description: r.description, content: { 'application/json': { schema: ref(r.schema) } } } : { description: r.description };
    } else {
      responses[status] = r.schema ? { description: r.description, schema: ref(r.schema) } : { description: r.description };
    }
  }
  const params: unknown[] = pathParameters(route).map((p) => (type === 'oas30' ? { ...p, schema: { type: 'string' } } : { ...p, type: 'string' }));
  const op: Record<string, unknown> = { operationId: route.operationId, summary: route.summary };
  if (params.length > 0) op.parameters = params;
  if (route.requestSchema) {
    if (type === 'oas30') op.requestBody = { required: true, content: { 'application/json': { schema: ref(route.requestSchema) } } };
    else op.parameters = [...params, { in: 'body', name: 'body', required: true, schema: ref(route.requestSchema) }];
  }
  if (type === 'swagger') op.produces = ['application/json'];
  op.responses = responses;
  op.security = [{ api_key: [] }];
  if (withIntegrations) op['x-amazon-apigateway-integration'] = integration(route);
  return op;
}

function schemasFor(type: ExportType): Record<string, unknown> {
  const json = JSON.stringify(DEMO_SCHEMAS);
  return JSON.parse(type === 'oas30' ? json : json.replaceAll('#/components/schemas/', '#/definitions/')) as Record<string, unknown>;
}

export function buildExport(api: RestApiRecord, stage: string, type: ExportType, baseUrl: string, withIntegrations: boolean) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routesOf(api)) (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, type, withIntegrations);
  const info = { title: api.name, description: api.description, version: new Date(api.createdDate).toISOString() };
  const invokePath = `/restapis/${api.id}/${stage}/_user_request_`;
  const common = { 'x-amazon-apigateway-api-key-source': 'HEADER' };
  if (type === 'oas30') {
    return {
      openapi: '3.0.1',
      info,
      servers: [{ url: `${baseUrl}${invokePath}` }],
      paths,
      components: { schemas: schemasFor(type), securitySchemes: { api_key: API_KEY_SCHEME } },
      ...common,
    };
  }
  const url = new URL(baseUrl);
  return {
    swagger: '2.0',
    info,
    host: url.host,
    basePath: invokePath,
    schemes: [url.protocol.replace(':', '')],
    paths,
    securityDefinitions: { api_key: API_KEY_SCHEME },
    definitions: schemasFor(type),
    ...common,
  };
}

/** Minimal YAML emitter (block style, every string double-quoted, so any JSON value round-trips). */
export function toYaml(value: unknown, indent = ''): string {
  const scalar = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : v === null || v === undefined ? 'null' : String(v));
  const isContainer = (v: unknown) => typeof v === 'object' && v !== null && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
  const empty = (v: unknown) => (Array.isArray(v) ? '[]' : '{}');
  if (Array.isArray(value)) {
    return value
      .map((item) => (isContainer(item) ? `${indent}-\n${toYaml(item, `${indent}  `)}` : `${indent}- ${typeof item === 'object' && item !== null ? empty(item) : scalar(item)}\n`))
      .join('');
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => (isContainer(v) ? `${indent}${JSON.stringify(k)}:\n${toYaml(v, `${indent}  `)}` : `${indent}${JSON.stringify(k)}: ${typeof v === 'object' && v !== null ? empty(v) : scalar(v)}\n`))
      .join('');
  }
  return `${indent}${scalar(value)}\n`;
}

export const getExport: OperationHandler = (ctx) => {
  const api = requireRestApi(ctx, ctx.params.restApiId);
  const stage = requireStage(ctx, ctx.params.restApiId, ctx.params.stageName);
  const type = ctx.params.exportType;
  if (type !== 'oas30' && type !== 'swagger') throw badRequest(`Invalid export type: ${type ?? ''}. Must be one of: [oas30, swagger]`);
  const extensions = (ctx.query.get('extensions') ?? '').split(',');
  const withIntegrations = extensions.includes('integrations') || extensions.includes('apigateway');
  const doc = buildExport(api, stage.stageName, type, ctx.publicUrl(), withIntegrations);
  const accept = String(ctx.headers.accept ?? 'application/json');
  const yaml = accept.includes('yaml');
  const ext = yaml ? 'yaml' : 'json';
  return {
    status: 200,
    raw: Buffer.from(yaml ? toYaml(doc) : JSON.stringify(doc, null, 2)),
    contentType: yaml ? 'application/yaml' : 'application/json',
    contentDisposition: `attachment; filename="${type}_${api.name}-${stage.stageName}.${ext}"`,
  };
};
