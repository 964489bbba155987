/**
 * awsJson1_0 transport for CloudWatch (the query protocol's is in query-protocol.ts) (`POST /`, `x-amz-target: GraniteServiceVersion20100801.<Operation>`).
 * Request bodies may be gzip-compressed (the SDK compresses PutMetricData over 10 KiB). Errors carry the Smithy
 * shape in `__type` and the awsQuery code in `x-amzn-query-error`, which the query-compatible SDK reads first.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { CloudWatchError, invalidParameterValue, unknownOperation } from './errors';
import type { CloudWatchService } from './service';

const gunzipAsync = promisify(gunzip);
const TARGET_PREFIX = 'GraniteServiceVersion20100801.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(text);
}

/** Renders a CloudWatchError: `__type` (Smithy shape) in the body, `x-amzn-query-error` (awsQuery code) header. */
export function sendError(res: ServerResponse, err: CloudWatchError): void {
  const ns = err.shape === 'UnknownOperationException' ? 'com.amazon.coral.service' : 'com.amazonaws.cloudwatch';
  send(res, err.status, { __type: `${ns}#${err.shape}`, message: err.message, ...err.extra }, {
    'x-amzn-query-error': `${err.code};${err.fault}`,
  });
}

/** The request body, decompressed when `content-encoding: gzip` (the SDKs compress large PutMetricData bodies). */
export async function decodedBody(req: IncomingMessage, rawBody: Buffer): Promise<Buffer> {
  const encoding = String(req.headers['content-encoding'] ?? '').toLowerCase();
  if (!encoding.split(',').some((e) => e.trim() === 'gzip')) return rawBody;
  try {
    return await gunzipAsync(rawBody);
  } catch {
    throw invalidParameterValue('The request body could not be decompressed (content-encoding: gzip).');
  }
}

export async function handleCloudWatchHttp(service: CloudWatchService, req: IncomingMessage, res: ServerResponse,
  rawBody: Buffer): Promise<void> {
  try {
    const target = req.headers['x-amz-target'];
    const op = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    if (req.method !== 'POST' || !op) throw unknownOperation(typeof target === 'string' ? target : '(none)');
    const body = await decodedBody(req, rawBody);
    let input: unknown = {};
    const text = body.toString('utf8').trim();
    if (text) {
      try {
        input = JSON.parse(text);
      } catch {
        throw invalidParameterValue('The request body is not valid JSON.');
      }
    }
    send(res, 200, service.handle(op, input) ?? {});
  } catch (err) {
    if (err instanceof CloudWatchError) {
      sendError(res, err);
    } else {
      const message = err instanceof Error ? err.message : String(err);
      sendError(res, new CloudWatchError('InternalServiceError', 'InternalServiceFault', message, 500, {}, 'Receiver'));
    }
  }
}
