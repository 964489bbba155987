/** Serves one API Gateway control-plane request: route, rate-limit, parse, run the operation, render the answer. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sleep, type FaultKind, type Faults } from '../faults';
import { sendJson } from '../http-util';
import type { ControlPlaneRateLimiter } from '../rate-limits';
import { ApiGatewayError, badRequest, tooManyRequests } from './errors';
import { newRequestId } from './ids';
import type { GatewayEnvironment, OperationResult } from './operation';
import { matchOperation, type MatchedOperation } from './router';

function parseBody(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest('Could not parse request body into json: Unexpected character');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badRequest('Request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** An injected fault in API Gateway's shape. */
function faultError(kind: FaultKind): ApiGatewayError {
  return kind === 'throttle' ? tooManyRequests(1) : new ApiGatewayError('ServiceUnavailableException', 'Service Unavailable');
}

function run(env: GatewayEnvironment, limiter: ControlPlaneRateLimiter, match: MatchedOperation | undefined, req: IncomingMessage, pathname: string, search: string, rawBody: Buffer): OperationResult {
  if (!match) throw new ApiGatewayError('UnknownOperationException', `local AWS does not support ${req.method ?? ''} ${pathname}`);
  const retryAfter = limiter.admit(match.operation);
  if (retryAfter !== undefined) throw tooManyRequests(retryAfter);
  return match.handler({
    ...env,
    params: match.params,
    query: new URLSearchParams(search),
    body: match.rawBody ? {} : parseBody(rawBody),
    rawBody,
    headers: req.headers,
  });
}

export async function handleApiGatewayHttp(
  env: GatewayEnvironment,
  limiter: ControlPlaneRateLimiter,
  faults: Faults,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  search: string,
  rawBody: Buffer,
): Promise<void> {
  const requestId = newRequestId();
  const match = matchOperation(req.method ?? 'GET', pathname, new URLSearchParams(search));
  const fault = match ? faults.decide('apigateway', match.operation) : undefined;
  if (fault) {
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.drop) return void req.socket.destroy();
  }
  let result: OperationResult;
  try {
    if (fault?.error) throw faultError(fault.error);
    result = run(env, limiter, match, req, pathname, search, rawBody);
  } catch (error) {
    if (error instanceof ApiGatewayError) {
      const headers: Record<string, string> = { 'x-amzn-ErrorType': error.type, 'x-amzn-RequestId': requestId };
      if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(error.retryAfterSeconds);
      return sendJson(res, error.status, { message: error.message }, headers);
    }
    console.error('local AWS: API Gateway operation failed:', error);
    return sendJson(res, 500, { message: 'Internal server error' }, { 'x-amzn-ErrorType': 'InternalFailure', 'x-amzn-RequestId': requestId });
  }
  if ('raw' in result) {
    const headers: Record<string, string | number> = {
      'content-type': result.contentType,
      'content-length': result.raw.length,
      'x-amzn-RequestId': requestId,
    };
    if (result.contentDisposition) headers['content-disposition'] = result.contentDisposition;
    res.writeHead(result.status, headers);
    res.end(result.raw);
    return;
  }
  if (result.json === undefined) {
    res.writeHead(result.status, { 'x-amzn-RequestId': requestId, 'content-length': 0 });
    res.end();
    return;
  }
  sendJson(res, result.status, result.json, { 'x-amzn-RequestId': requestId });
}
