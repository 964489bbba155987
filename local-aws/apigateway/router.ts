/** Maps restJson1 requests (method + path) to API Gateway operations. */
import { createApiKey, deleteApiKey, getApiKey, getApiKeys, updateApiKey } from './api-keys';
import { getExport } from './export';
import { importApiKeys } from './import-api-keys';
import type { OperationHandler } from './operation';
import { getResource, getResources } from './resources';
import { getRestApi, getRestApis } from './rest-apis';
import { flushStageAuthorizersCache, flushStageCache, getStage, getStages, updateStage } from './stages';
import { getTags, tagResource, untagResource } from './tags';
import { getUsage, updateUsage } from './usage';
import { createUsagePlanKey, deleteUsagePlanKey, getUsagePlanKey, getUsagePlanKeys } from './usage-plan-keys';
import { createUsagePlan, deleteUsagePlan, getUsagePlan, getUsagePlans, updateUsagePlan } from './usage-plans';

interface Route {
  method: string;
  segments: string[];
  operation: string;
  handler: OperationHandler;
  /** Query parameters that select this operation (e.g. `mode=import` on `POST /apikeys`). */
  query?: Record<string, string>;
  /** The body is not JSON (ImportApiKeys takes a CSV file). */
  rawBody?: boolean;
}

const route = (method: string, pattern: string, operation: string, handler: OperationHandler, extra: Pick<Route, 'query' | 'rawBody'> = {}): Route => ({
  method,
  segments: pattern.split('/').slice(1),
  operation,
  handler,
  ...extra,
});

const ROUTES: Route[] = [
  route('GET', '/restapis', 'GetRestApis', getRestApis),
  route('GET', '/restapis/{restApiId}', 'GetRestApi', getRestApi),
  route('GET', '/restapis/{restApiId}/resources', 'GetResources', getResources),
  route('GET', '/restapis/{restApiId}/resources/{resourceId}', 'GetResource', getResource),
  route('GET', '/restapis/{restApiId}/stages', 'GetStages', getStages),
  route('GET', '/restapis/{restApiId}/stages/{stageName}', 'GetStage', getStage),
  route('PATCH', '/restapis/{restApiId}/stages/{stageName}', 'UpdateStage', updateStage),
  route('DELETE', '/restapis/{restApiId}/stages/{stageName}/cache/data', 'FlushStageCache', flushStageCache),
  route('DELETE', '/restapis/{restApiId}/stages/{stageName}/cache/authorizers', 'FlushStageAuthorizersCache', flushStageAuthorizersCache),
  route('GET', '/restapis/{restApiId}/stages/{stageName}/exports/{exportType}', 'GetExport', getExport),
  // Before CreateApiKey: same method and path, told apart by `mode=import`.
  route('POST', '/apikeys', 'ImportApiKeys', importApiKeys, { query: { mode: 'import' }, rawBody: true }),
  route('POST', '/apikeys', 'CreateApiKey', createApiKey),
  route('GET', '/apikeys', 'GetApiKeys', getApiKeys),
  route('GET', '/apikeys/{apiKey}', 'GetApiKey', getApiKey),
  route('PATCH', '/apikeys/{apiKey}', 'UpdateApiKey', updateApiKey),
  route('DELETE', '/apikeys/{apiKey}', 'DeleteApiKey', deleteApiKey),
  route('POST', '/usageplans', 'CreateUsagePlan', createUsagePlan),
  route('GET', '/usageplans', 'GetUsagePlans', getUsagePlans),
  route('GET', '/usageplans/{usagePlanId}', 'GetUsagePlan', getUsagePlan),
  route('PATCH', '/usageplans/{usagePlanId}', 'UpdateUsagePlan', updateUsagePlan),
  route('DELETE', '/usageplans/{usagePlanId}', 'DeleteUsagePlan', deleteUsagePlan),
  route('POST', '/usageplans/{usagePlanId}/keys', 'CreateUsagePlanKey', createUsagePlanKey),
  route('GET', '/usageplans/{usagePlanId}/keys', 'GetUsagePlanKeys', getUsagePlanKeys),
  route('GET', '/usageplans/{usagePlanId}/keys/{keyId}', 'GetUsagePlanKey', getUsagePlanKey),
  route('DELETE', '/usageplans/{usagePlanId}/keys/{keyId}', 'DeleteUsagePlanKey', deleteUsagePlanKey),
  route('PATCH', '/usageplans/{usagePlanId}/keys/{keyId}/usage', 'UpdateUsage', updateUsage),
  route('GET', '/usageplans/{usagePlanId}/usage', 'GetUsage', getUsage),
  route('GET', '/tags/{resourceArn}', 'GetTags', getTags),
  route('PUT', '/tags/{resourceArn}', 'TagResource', tagResource),
  route('DELETE', '/tags/{resourceArn}', 'UntagResource', untagResource),
];

/** Every operation name this emulator serves (fault rules are checked against it). */
export const API_GATEWAY_OPERATIONS: readonly string[] = ROUTES.map((r) => r.operation);

export interface MatchedOperation {
  operation: string;
  handler: OperationHandler;
  params: Record<string, string>;
  rawBody: boolean;
}

/** `pathname` is the raw (still percent-encoded) path; labels are decoded after splitting on "/". */
export function matchOperation(method: string, pathname: string, query: URLSearchParams = new URLSearchParams()): MatchedOperation | undefined {
  const parts = pathname.split('/').slice(1);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  for (const r of ROUTES) {
    if (r.method !== method || r.segments.length !== parts.length) continue;
    if (r.query && !Object.entries(r.query).every(([name, value]) => query.get(name) === value)) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const pattern = r.segments[i] ?? '';
      const part = parts[i] ?? '';
      if (pattern.startsWith('{')) {
        try {
          params[pattern.slice(1, -1)] = decodeURIComponent(part);
        } catch {
          ok = false;
        }
      } else ok = pattern === part;
    }
    if (ok) return { operation: r.operation, handler: r.handler, params, rawBody: r.rawBody === true };
  }
  return undefined;
}

/** True when the path belongs to the API Gateway control plane at all (used to pick the 404 flavour). */
export const isControlPlanePath = (pathname: string) => /^\/(restapis|apikeys|usageplans|tags)(\/|$)/.test(pathname);
