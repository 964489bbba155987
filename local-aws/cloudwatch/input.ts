/** Helpers that read and validate fields of an awsJson request body (which arrives as `unknown`). */
import { invalidParameterValue, missingParameter } from './errors';
import type { Dimension } from './metric-store';

export type Obj = Record<string, unknown>;

export function asObject(input: unknown, path = 'request'): Obj {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) throw invalidParameterValue(`The ${path} must be an object.`);
  return input as Obj;
}

export function optString(o: Obj, field: string, path = field): string | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidParameterValue(`The parameter ${path} must be a string.`);
  return v;
}

export function reqString(o: Obj, field: string, path = field): string {
  const v = optString(o, field, path);
  if (v === undefined || v === '') throw missingParameter(path);
  return v;
}

export function optNumber(o: Obj, field: string, path = field): number | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || Number.isNaN(v)) throw invalidParameterValue(`The parameter ${path} must be a number.`);
  return v;
}

export function reqNumber(o: Obj, field: string, path = field): number {
  const v = optNumber(o, field, path);
  if (v === undefined) throw missingParameter(path);
  return v;
}

export function optInteger(o: Obj, field: string, path = field): number | undefined {
  const v = optNumber(o, field, path);
  if (v !== undefined && !Number.isInteger(v)) throw invalidParameterValue(`The parameter ${path} must be an integer.`);
  return v;
}

export function optBoolean(o: Obj, field: string, path = field): boolean | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalidParameterValue(`The parameter ${path} must be a boolean.`);
  return v;
}

export function optArray(o: Obj, field: string, path = field): unknown[] | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalidParameterValue(`The parameter ${path} must be a list.`);
  return v;
}

export function optStringList(o: Obj, field: string, path = field): string[] | undefined {
  const arr = optArray(o, field, path);
  return arr?.map((v, i) => {
    if (typeof v !== 'string') throw invalidParameterValue(`The parameter ${path}.member.${i + 1} must be a string.`);
    return v;
  });
}

/** Timestamps travel as epoch seconds; ISO strings are accepted too. Returns epoch milliseconds. */
export function optTimestampMs(o: Obj, field: string, path = field): number | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  const ms = typeof v === 'number' ? v * 1000 : typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) throw invalidParameterValue(`The parameter ${path} must be a valid timestamp.`);
  return ms;
}

export function reqTimestampMs(o: Obj, field: string, path = field): number {
  const v = optTimestampMs(o, field, path);
  if (v === undefined) throw missingParameter(path);
  return v;
}

/** Dimensions: at most 30, each with a non-empty Name and Value, names unique. */
export function dimensions(o: Obj, field: string, path: string): Dimension[] {
  return dimensionFilters(o, field, path, true) as Dimension[];
}

/** Like `dimensions`, but Value may be omitted (ListMetrics filters). */
export function dimensionFilters(o: Obj, field: string, path: string, valueRequired = false):
  { Name: string; Value?: string }[] {
  const arr = optArray(o, field, path) ?? [];
  if (arr.length > 30) throw invalidParameterValue(`The collection ${path} must not have a size greater than 30.`);
  const seen = new Set<string>();
  return arr.map((raw, i) => {
    const p = `${path}.member.${i + 1}`;
    const d = asObject(raw, p);
    const Name = reqString(d, 'Name', `${p}.Name`);
    const Value = valueRequired ? reqString(d, 'Value', `${p}.Value`) : optString(d, 'Value', `${p}.Value`);
    if (seen.has(Name)) throw invalidParameterValue(`No metric may have duplicate dimension names: ${Name}.`);
    seen.add(Name);
    return Value === undefined ? { Name } : { Name, Value };
  });
}

export const STANDARD_UNITS = new Set([
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes', 'Bits',
  'Kilobits', 'Megabits', 'Gigabits', 'Terabits', 'Percent', 'Count', 'Bytes/Second', 'Kilobytes/Second',
  'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second', 'Kilobits/Second', 'Megabits/Second',
  'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None',
]);

export function optUnit(o: Obj, field: string, path = field): string | undefined {
  const u = optString(o, field, path);
  if (u !== undefined && !STANDARD_UNITS.has(u)) {
    throw invalidParameterValue(`The parameter ${path} must be a value in the set [ ${[...STANDARD_UNITS].join(', ')} ].`);
  }
  return u;
}

/** Period for stored (1-minute resolution) data: a positive multiple of 60 seconds. */
export function checkPeriod(period: number, path: string): void {
  if (!Number.isInteger(period) || period <= 0) {
    throw invalidParameterValue(`The parameter ${path} must be greater than 0.`);
  }
  if (period % 60 !== 0) {
    throw invalidParameterValue(`The parameter ${path} must be a multiple of 60.`);
  }
}

export function encodeToken(payload: unknown): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeToken<T>(token: string, check: (v: unknown) => v is T): T | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return check(v) ? v : undefined;
  } catch {
    return undefined;
  }
}
