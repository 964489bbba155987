/** Readers for request bodies and patch operations that fail with AWS-style BadRequestException messages. */
import { badRequest } from './errors';

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badRequest(`Invalid value for ${field}: expected a string`);
  return v;
}

export function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw badRequest(`Invalid value for ${field}: expected a boolean`);
  return v;
}

export function optionalNumber(body: Record<string, unknown>, field: string): number | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw badRequest(`Invalid value for ${field}: expected a number`);
  return v;
}

export function optionalObject(body: Record<string, unknown>, field: string): Record<string, unknown> | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw badRequest(`Invalid value for ${field}: expected an object`);
  return v as Record<string, unknown>;
}

export function optionalArray(body: Record<string, unknown>, field: string): unknown[] | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw badRequest(`Invalid value for ${field}: expected a list`);
  return v as unknown[];
}

/** Tags: at most 50, keys 1–128 chars not starting with "aws:", values up to 256 chars. */
export function optionalTags(body: Record<string, unknown>, field = 'tags'): Record<string, string> | undefined {
  const obj = optionalObject(body, field);
  if (!obj) return undefined;
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v !== 'string') throw badRequest(`Invalid tag value for key '${k}'`);
    if (k.length < 1 || k.length > 128) throw badRequest(`Invalid tag key '${k}': length must be 1 to 128`);
    if (k.toLowerCase().startsWith('aws:')) throw badRequest(`Invalid tag key '${k}': the 'aws:' prefix is reserved`);
    if (v.length > 256) throw badRequest(`Invalid tag value for key '${k}': at most 256 characters`);
    tags[k] = v;
  }
  if (Object.keys(tags).length > 50) throw badRequest('A resource can have at most 50 tags');
  return tags;
}

export interface PatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: string;
  from?: string;
}

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

export function readPatchOperations(body: Record<string, unknown>): PatchOperation[] {
  const list = optionalArray(body, 'patchOperations') ?? [];
  return list.map((raw) => {
    if (typeof raw !== 'object' || raw === null) throw badRequest('Invalid patch operation');
    const o = raw as Record<string, unknown>;
    if (typeof o.op !== 'string' || !OPS.has(o.op)) throw badRequest(`Invalid patch operation specified: ${String(o.op)}`);
    if (typeof o.path !== 'string' || !o.path.startsWith('/')) throw badRequest(`Invalid patch path ${String(o.path)}`);
    if (o.value !== undefined && o.value !== null && typeof o.value !== 'string') {
      throw badRequest(`Invalid patch value for path ${o.path}: values are strings`);
    }
    return {
      op: o.op as PatchOperation['op'],
      path: o.path,
      value: typeof o.value === 'string' ? o.value : undefined,
      from: typeof o.from === 'string' ? o.from : undefined,
    };
  });
}

export function unsupportedPatch(op: PatchOperation, allowed: string[]): Error {
  return badRequest(`Invalid patch path  '${op.path}' specified for op '${op.op}'. Must be one of: [${allowed.join(', ')}]`);
}

export function patchValue(op: PatchOperation): string {
  if (op.value === undefined) throw badRequest(`Invalid null or empty value in patch operation for path ${op.path}`);
  return op.value;
}

export function patchNumber(op: PatchOperation, opts: { integer?: boolean; min?: number } = {}): number {
  const text = patchValue(op);
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || (opts.integer && !Number.isInteger(n)) || n < (opts.min ?? 0)) {
    throw badRequest(`Invalid value '${text}' for path ${op.path}: expected ${opts.integer ? 'an integer' : 'a number'} >= ${opts.min ?? 0}`);
  }
  return n;
}

export function patchBoolean(op: PatchOperation): boolean {
  const text = patchValue(op);
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw badRequest(`Invalid boolean value '${text}' for path ${op.path}`);
}
