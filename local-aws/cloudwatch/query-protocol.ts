/**
 * CloudWatch's query protocol (awsQuery), the one older SDKs, the AWS CLI v1 and many tools still speak:
 * `POST /` with a form-encoded body (`Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=x`) or the same
 * parameters in a GET query string, answered in XML:
 *
 *   <DescribeAlarmsResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
 *     <DescribeAlarmsResult><MetricAlarms><member>…</member></MetricAlarms></DescribeAlarmsResult>
 *     <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata>
 *   </DescribeAlarmsResponse>
 *
 * and errors as `<ErrorResponse><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error>
 * <RequestId>…</RequestId></ErrorResponse>` with the HTTP status of the error.
 *
 * Requests and answers are translated with CloudWatch's own service model (the operation, input and output schemas
 * the AWS SDK for JavaScript ships), so every operation of the JSON transport is served the same way: lists are
 * `Name.member.N`, structures `Name.Field`, maps `Name.entry.N.key`/`.value`, timestamps ISO 8601, booleans
 * `true`/`false`. The translated input goes to the same CloudWatchService as JSON requests.
 */
import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import * as model from '@aws-sdk/client-cloudwatch';
import { NormalizedSchema } from '@smithy/core/schema';
import { CloudWatchError } from './errors';
import type { CloudWatchService } from './service';

export const QUERY_VERSION = '2010-08-01';
const XMLNS = 'http://monitoring.amazonaws.com/doc/2010-08-01/';

type Params = Map<string, string>;

/** True when a request is a query-protocol CloudWatch call (form-encoded POST, or GET with `Action=`). */
export function isQueryRequest(method: string | undefined, pathname: string, search: string, contentType: string | undefined): boolean {
  if (pathname !== '/') return false;
  if (method === 'POST') return (contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
  if (method === 'GET') return new URLSearchParams(search).has('Action');
  return false;
}

/** The parameters of a query request: the body's form fields, or the query string's for GET. */
export function queryParams(method: string | undefined, search: string, body: Buffer): Params {
  const source = method === 'GET' ? search.replace(/^\?/, '') : body.toString('utf8');
  return new Map(new URLSearchParams(source));
}

/** The operation's static schema from the service model, or undefined for a name CloudWatch does not have. */
function operationSchema(action: string): unknown[] | undefined {
  if (!/^[A-Z][A-Za-z]+$/.test(action)) return undefined;
  const schema = (model as unknown as Record<string, unknown>)[`${action}$`];
  return Array.isArray(schema) && schema[0] === 9 ? schema : undefined;
}

/** Action and Version checked; the action name, for fault rules and the handler. Throws CloudWatchError. */
export function queryAction(params: Params): string {
  const action = params.get('Action');
  if (!action) throw new CloudWatchError('MissingAction', 'MissingAction', 'The request must contain the parameter Action.');
  if (!operationSchema(action)) {
    throw new CloudWatchError('InvalidAction', 'InvalidAction', `The action ${action} is not valid for this web service.`);
  }
  const version = params.get('Version');
  if (version === undefined) throw new CloudWatchError('MissingParameter', 'MissingRequiredParameterException', 'The request must contain the parameter Version.');
  if (version !== QUERY_VERSION) {
    throw new CloudWatchError('InvalidAction', 'InvalidAction', `The action ${action} is not valid for version ${version}.`);
  }
  return action;
}

const memberKey = (member: NormalizedSchema, name: string) => (member.getMergedTraits().xmlName as string | undefined) ?? name;

function hasPrefix(params: Params, key: string): boolean {
  if (params.has(key)) return true;
  const dotted = `${key}.`;
  for (const k of params.keys()) if (k.startsWith(dotted)) return true;
  return false;
}

/** Reads the value at `key` as `schema` describes it; undefined when the request does not carry it. */
function readValue(schema: NormalizedSchema, params: Params, key: string): unknown {
  if (schema.isStructSchema()) {
    if (!hasPrefix(params, key)) return undefined;
    return readStruct(schema, params, `${key}.`);
  }
  if (schema.isListSchema()) {
    if (!hasPrefix(params, key)) return undefined;
    const flattened = Boolean(schema.getMergedTraits().xmlFlattened);
    const item = schema.getValueSchema();
    const out: unknown[] = [];
    for (let i = 1; ; i++) {
      const at = flattened ? `${key}.${i}` : `${key}.member.${i}`;
      if (!hasPrefix(params, at)) break;
      out.push(readValue(item, params, at));
    }
    return out; // `Name=` (an empty list) reads as []
  }
  if (schema.isMapSchema()) {
    if (!hasPrefix(params, key)) return undefined;
    const out: Record<string, unknown> = {};
    for (let i = 1; ; i++) {
      const at = `${key}.entry.${i}`;
      const k = params.get(`${at}.key`);
      if (k === undefined) break;
      out[k] = readValue(schema.getValueSchema(), params, `${at}.value`);
    }
    return out;
  }
  const raw = params.get(key);
  if (raw === undefined) return undefined;
  if (schema.isNumericSchema() || schema.isBigIntegerSchema() || schema.isBigDecimalSchema()) {
    const n = Number(raw);
    return raw.trim() !== '' && !Number.isNaN(n) ? n : raw; // a non-number is left for the operation to refuse
  }
  if (schema.isBooleanSchema()) return raw === 'true' ? true : raw === 'false' ? false : raw;
  if (schema.isTimestampSchema()) {
    const ms = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) * 1000 : Date.parse(raw);
    return Number.isFinite(ms) ? ms / 1000 : raw;
  }
  return raw;
}

function readStruct(schema: NormalizedSchema, params: Params, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of schema.structIterator()) {
    const v = readValue(member, params, `${prefix}${memberKey(member, name)}`);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** The operation's input in the JSON protocol's shape, read from the query parameters. */
export function queryInput(action: string, params: Params): Record<string, unknown> {
  const op = operationSchema(action) as unknown[];
  const input = NormalizedSchema.of(op[4] as never);
  return input.isStructSchema() ? readStruct(input, params, '') : {};
}

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);

function scalarText(schema: NormalizedSchema, value: unknown): string {
  if (schema.isTimestampSchema()) {
    const ms = typeof value === 'number' ? value * 1000 : value instanceof Date ? value.getTime() : Date.parse(String(value));
    return Number.isFinite(ms) ? new Date(ms).toISOString() : String(value);
  }
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : value === Infinity ? 'Infinity' : value === -Infinity ? '-Infinity' : String(value);
  return String(value);
}

/** `<Name>…</Name>` for one value, as the schema describes it (members the schema does not know are left out). */
function writeValue(schema: NormalizedSchema, name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (schema.isStructSchema()) return `<${name}>${writeStruct(schema, value as Record<string, unknown>)}</${name}>`;
  if (schema.isListSchema()) {
    const items = Array.isArray(value) ? value : [];
    const item = schema.getValueSchema();
    if (schema.getMergedTraits().xmlFlattened) return items.map((v) => writeValue(item, name, v)).join('');
    const memberName = (item.getMergedTraits().xmlName as string | undefined) ?? 'member';
    return `<${name}>${items.map((v) => writeValue(item, memberName, v)).join('')}</${name}>`;
  }
  if (schema.isMapSchema()) {
    const entries = Object.entries(value as Record<string, unknown>);
    const v = schema.getValueSchema();
    return `<${name}>${entries.map(([k, x]) => `<entry><key>${escapeXml(k)}</key>${writeValue(v, 'value', x)}</entry>`).join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(scalarText(schema, value))}</${name}>`;
}

function writeStruct(schema: NormalizedSchema, value: Record<string, unknown>): string {
  let xml = '';
  for (const [name, member] of schema.structIterator()) xml += writeValue(member, memberKey(member, name), value[name]);
  return xml;
}

function sendXml(res: ServerResponse, status: number, xml: string, requestId: string): void {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
  res.writeHead(status, {
    'content-type': 'text/xml',
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-requestid': requestId,
  });
  res.end(text);
}

/** An operation's answer as `<{Action}Response>` with its `<{Action}Result>` (absent for operations without output). */
export function sendQueryResult(res: ServerResponse, action: string, output: unknown): void {
  const requestId = randomUUID();
  const op = operationSchema(action) as unknown[];
  const schema = NormalizedSchema.of(op[5] as never);
  const result = schema.isStructSchema()
    ? `<${action}Result>${writeStruct(schema, (output ?? {}) as Record<string, unknown>)}</${action}Result>`
    : '';
  sendXml(res, 200, `<${action}Response xmlns="${XMLNS}">${result}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`, requestId);
}

/** A CloudWatchError as the query protocol's `<ErrorResponse>`; extra members (DashboardValidationMessages) inside `<Error>`. */
export function sendQueryError(res: ServerResponse, err: CloudWatchError): void {
  const requestId = randomUUID();
  let extra = '';
  const messages = err.extra['dashboardValidationMessages'];
  if (Array.isArray(messages)) {
    extra = `<dashboardValidationMessages>${messages.map((m: { DataPath?: string; Message?: string }) =>
      `<member>${m.DataPath !== undefined ? `<DataPath>${escapeXml(m.DataPath)}</DataPath>` : ''}` +
      `<Message>${escapeXml(m.Message ?? '')}</Message></member>`).join('')}</dashboardValidationMessages>`;
  }
  sendXml(res, err.status, `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${err.fault}</Type>` +
    `<Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message>${extra}</Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`, requestId);
}

/** Serves one query-protocol request (parameters already read) with the same service as the JSON protocol. */
export function handleCloudWatchQuery(service: CloudWatchService, res: ServerResponse, params: Params): void {
  try {
    const action = queryAction(params);
    sendQueryResult(res, action, service.handle(action, queryInput(action, params)));
  } catch (err) {
    if (err instanceof CloudWatchError) {
      sendQueryError(res, err);
    } else {
      const message = err instanceof Error ? err.message : String(err);
      sendQueryError(res, new CloudWatchError('InternalServiceError', 'InternalServiceFault', message, 500, {}, 'Receiver'));
    }
  }
}

