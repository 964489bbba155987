/**
 * Fault injection. A rule names an operation and what can go wrong with it:
 *   - errorRate (0..1) and kind: "5xx" (ServiceUnavailable, 503) or "throttle" (429 TooManyRequestsException on
 *     API Gateway and the data plane, 400 Throttling on CloudWatch — each plane answers in its own error shape);
 *   - latencyMs: delay added before the answer (or before the error / drop);
 *   - dropRate (0..1): the connection is destroyed without an answer.
 *
 * `operation` is an API Gateway operation name (`CreateApiKey`), a CloudWatch operation name (`PutMetricData`),
 * `apigateway:<Op>` / `cloudwatch:<Op>` (service-qualified), `apigateway:*` / `cloudwatch:*` (every operation of one
 * service), `*` (every control-plane operation of both services, not the data plane) or `dataplane` (every data-plane
 * request). Every matching rule applies: latencies add up; each rule's drop and error chances are rolled on their own
 * and the first hit wins (a drop beats an error).
 *
 * Rules come from the CLI (`--fault "CreateApiKey:error=0.2:kind=5xx"`), from `POST /_localaws/faults` and from
 * `localAws.faults.set(...)` in-process. A `seed` makes the random draws reproducible (mulberry32).
 */
import { API_GATEWAY_OPERATIONS } from './apigateway/router';
import { CLOUDWATCH_OPERATIONS } from './cloudwatch/service';

export const FAULT_KINDS = ['5xx', 'throttle'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Which part of local AWS asks. */
export type FaultPlane = 'apigateway' | 'cloudwatch' | 'dataplane';

export interface FaultRule {
  /** Operation name, `service:Op`, `service:*`, `*` or `dataplane`. */
  operation: string;
  /** 0..1, chance that a matching call fails with `kind` (default 0). */
  errorRate?: number;
  /** What the failure looks like (default "5xx"). */
  kind?: FaultKind;
  /** Milliseconds added before answering (default 0). */
  latencyMs?: number;
  /** 0..1, chance that the connection is destroyed without an answer (default 0). */
  dropRate?: number;
}

/** A rule with every field filled in (what `list()` returns). */
export type NormalisedFaultRule = Required<FaultRule>;

/** What to do with one request; undefined from `decide` means "nothing". */
export interface FaultDecision {
  latencyMs: number;
  drop: boolean;
  error?: FaultKind;
}

/** The in-process handle exported on `LocalAws.faults`. */
export interface FaultControl {
  /** Replaces the rules (validated; throws FaultRuleError); `seed` also restarts the random sequence. */
  set(rules: FaultRule[], opts?: { seed?: number }): NormalisedFaultRule[];
  list(): NormalisedFaultRule[];
  clear(): void;
  /** Restarts the random sequence from `seed` (undefined = Math.random). */
  seed(seed: number | undefined): void;
}

export class FaultRuleError extends Error {}

const MAX_LATENCY_MS = 120_000;

const KNOWN: Record<'apigateway' | 'cloudwatch', ReadonlySet<string>> = {
  apigateway: new Set(API_GATEWAY_OPERATIONS),
  cloudwatch: new Set(CLOUDWATCH_OPERATIONS),
};

function checkOperation(operation: string): void {
  if (operation === '*' || operation === 'dataplane') return;
  const m = /^(apigateway|cloudwatch):(.+)$/.exec(operation);
  if (m) {
    const plane = m[1] as 'apigateway' | 'cloudwatch';
    const op = m[2] as string;
    if (op === '*' || KNOWN[plane].has(op)) return;
    throw new FaultRuleError(`unknown ${plane} operation "${op}" in fault rule`);
  }
  if (KNOWN.apigateway.has(operation) || KNOWN.cloudwatch.has(operation)) return;
  throw new FaultRuleError(
    `unknown operation "${operation}" in fault rule: use an API Gateway or CloudWatch operation name ` +
      '(e.g. CreateApiKey, PutMetricData), "apigateway:*", "cloudwatch:*", "*" or "dataplane"',
  );
}

function rate(value: unknown, field: string): number {
  if (value === undefined || value === null) return 0;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 1) throw new FaultRuleError(`${field} must be a number from 0 to 1`);
  return n;
}

function latency(value: unknown): number {
  if (value === undefined || value === null) return 0;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > MAX_LATENCY_MS) {
    throw new FaultRuleError(`latencyMs must be a number of milliseconds from 0 to ${MAX_LATENCY_MS}`);
  }
  return n;
}

/** Validates one rule (from JSON or code) and fills in the defaults. */
export function normaliseFaultRule(input: unknown): NormalisedFaultRule {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new FaultRuleError('a fault rule must be an object');
  const o = input as Record<string, unknown>;
  const known = new Set(['operation', 'errorRate', 'kind', 'latencyMs', 'dropRate']);
  for (const k of Object.keys(o)) if (!known.has(k)) throw new FaultRuleError(`unknown fault rule field "${k}" (use ${[...known].join(', ')})`);
  const operation = o.operation;
  if (typeof operation !== 'string' || operation.trim() === '') throw new FaultRuleError('a fault rule needs an "operation"');
  checkOperation(operation.trim());
  const kind = o.kind ?? '5xx';
  if (!FAULT_KINDS.includes(kind as FaultKind)) throw new FaultRuleError(`kind must be one of ${FAULT_KINDS.join(', ')}`);
  return {
    operation: operation.trim(),
    errorRate: rate(o.errorRate, 'errorRate'),
    kind: kind as FaultKind,
    latencyMs: latency(o.latencyMs),
    dropRate: rate(o.dropRate, 'dropRate'),
  };
}

/** `{"rules":[...]}` or a bare array → validated rules. */
export function parseFaultRules(input: unknown): NormalisedFaultRule[] {
  const list = Array.isArray(input) ? input : (input as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(list)) throw new FaultRuleError('expected {"rules": [...]}');
  return list.map((r, i) => {
    try {
      return normaliseFaultRule(r);
    } catch (error) {
      throw new FaultRuleError(`rules[${i}]: ${(error as Error).message}`);
    }
  });
}

/**
 * Parses a CLI spec: `<operation>:key=value[:key=value...]` with keys error (or errorRate), kind, latency (or
 * latencyMs), drop (or dropRate). Examples: `CreateApiKey:error=0.2:kind=5xx`, `*:latency=50`, `dataplane:drop=0.01`,
 * `cloudwatch:*:error=0.1:kind=throttle`.
 */
export function parseFaultSpec(spec: string): NormalisedFaultRule {
  const parts = spec.split(':');
  const opParts: string[] = [];
  const fields: Record<string, string> = {};
  const aliases: Record<string, string> = {
    error: 'errorRate',
    errorrate: 'errorRate',
    kind: 'kind',
    latency: 'latencyMs',
    latencyms: 'latencyMs',
    drop: 'dropRate',
    droprate: 'dropRate',
  };
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (Object.keys(fields).length > 0) throw new FaultRuleError(`fault "${spec}": the operation must come first`);
      opParts.push(part);
      continue;
    }
    const key = aliases[part.slice(0, eq).trim().toLowerCase()];
    if (!key) throw new FaultRuleError(`fault "${spec}": unknown setting "${part.slice(0, eq)}" (use error, kind, latency, drop)`);
    fields[key] = part.slice(eq + 1).trim();
  }
  if (Object.keys(fields).length === 0) throw new FaultRuleError(`fault "${spec}": nothing to inject (add error=, latency= or drop=)`);
  try {
    return normaliseFaultRule({ operation: opParts.join(':'), ...fields });
  } catch (error) {
    throw new FaultRuleError(`fault "${spec}": ${(error as Error).message}`);
  }
}

/** mulberry32: a small, fast, seedable PRNG returning [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function matches(rule: NormalisedFaultRule, plane: FaultPlane, operation: string): boolean {
  const r = rule.operation;
  if (plane === 'dataplane') return r === 'dataplane';
  return r === '*' || r === operation || r === `${plane}:*` || r === `${plane}:${operation}`;
}

export class Faults implements FaultControl {
  private rules: NormalisedFaultRule[] = [];
  private random: () => number = Math.random;
  private currentSeed: number | undefined;

  constructor(opts: { rules?: FaultRule[]; seed?: number } = {}) {
    if (opts.seed !== undefined) this.seed(opts.seed);
    if (opts.rules) this.set(opts.rules);
  }

  set(rules: FaultRule[], opts: { seed?: number } = {}): NormalisedFaultRule[] {
    const normalised = rules.map((r) => normaliseFaultRule(r));
    if (opts.seed !== undefined) this.seed(opts.seed);
    this.rules = normalised;
    return this.list();
  }

  list(): NormalisedFaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  seed(seed: number | undefined): void {
    if (seed !== undefined && !Number.isFinite(seed)) throw new FaultRuleError('seed must be a number');
    this.currentSeed = seed;
    this.random = seed === undefined ? Math.random : mulberry32(seed);
  }

  get seedValue(): number | undefined {
    return this.currentSeed;
  }

  /** Called before every request of `plane`; cheap when there are no rules. */
  decide(plane: FaultPlane, operation: string): FaultDecision | undefined {
    if (this.rules.length === 0) return undefined;
    let latencyMs = 0;
    let drop = false;
    let error: FaultKind | undefined;
    let matched = false;
    for (const rule of this.rules) {
      if (!matches(rule, plane, operation)) continue;
      matched = true;
      latencyMs += rule.latencyMs;
      if (!drop && rule.dropRate > 0 && this.random() < rule.dropRate) drop = true;
      if (error === undefined && rule.errorRate > 0 && this.random() < rule.errorRate) error = rule.kind;
    }
    if (!matched || (latencyMs === 0 && !drop && error === undefined)) return undefined;
    return drop ? { latencyMs, drop } : { latencyMs, drop, error };
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
