/** Serves one API Gateway control-plane request: route, rate-limit, parse, run the operation, render the answer. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault, Faults } from '../faults';
import { sendJson } from '../http-util';
import type { ControlPlaneRateLimiter } from '../rate-limits';
import { ApiGatewayError, badRequest, tooManyRequests } from './errors';
import { newRequestId } from './ids';
import type { GatewayEnvironment, OperationResult } from './operation';
import { matchOperation } from './router';

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

class InjectedFault extends Error {
  constructor(readonly fault: Fault) {
    super(fault.message);
  }
}

function run(env: GatewayEnvironment, limiter: ControlPlaneRateLimiter, faults: Faults, req: IncomingMessage, pathname: string, search: string, rawBody: Buffer): OperationResult {
  const match = matchOperation(req.method ?? 'GET', pathname);
  if (!match) throw new ApiGatewayError('UnknownOperationException', `local AWS does not support ${req.method ?? ''} ${pathname}`);
  const retryAfter = limiter.admit(match.operation);
  if (retryAfter !== undefined) throw tooManyRequests(retryAfter);
  const fault = faults.forControlPlane(match.operation);
  if (fault) throw new InjectedFault(fault);
  return match.handler({
    ...env,
    params: match.params,
    query: new URLSearchParams(search),
    body: parseBody(rawBody),
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
  let result: OperationResult;
  try {
    result = run(env, limiter, faults, req, pathname, search, rawBody);
  } catch (error) {
    if (error instanceof ApiGatewayError) {
      const headers: Record<string, string> = { 'x-amzn-ErrorType': error.type, 'x-amzn-RequestId': requestId };
      if (error.retryAfterSeconds !== undefined) headers['Retry-After'] = String(error.retryAfterSeconds);
      return sendJson(res, error.status, { message: error.message }, headers);
    }
    if (error instanceof InjectedFault) {
      const { fault } = error;
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      return sendJson(res, fault.status, { message: fault.message }, { 'x-amzn-ErrorType': fault.errorType, 'x-amzn-RequestId': requestId });
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
