/**
 * Local-AWS-only endpoints under /_localaws/ (no AWS counterpart):
 *   GET|POST|DELETE /_localaws/faults   fault injection rules (see faults.ts)
 *   POST /_localaws/usage/backfill      historical per-key usage that GetUsage then reports
 *   POST /_localaws/metrics/backfill    historical metrics in PutMetricData's shape, `AWS/` namespaces allowed
 * Errors answer `{"message": "..."}` with 400/404/405.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudWatchBinding } from './cloudwatch-binding';
import { CloudWatchError } from './cloudwatch/errors';
import { FaultRuleError, parseFaultRules, type Faults } from './faults';
import { sendJson } from './http-util';
import type { GatewayState } from './state';
import { epochDayOf, parseDay, setUsedOn, type BackfillMode } from './usage-ledger';

class BadInput extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8') || '{}') as unknown;
  } catch {
    throw new BadInput('Body must be JSON');
  }
}

function answer(res: ServerResponse, run: () => unknown): void {
  try {
    sendJson(res, 200, run());
  } catch (error) {
    if (error instanceof BadInput) return sendJson(res, error.status, { message: error.message });
    if (error instanceof FaultRuleError) return sendJson(res, 400, { message: error.message });
    if (error instanceof CloudWatchError) return sendJson(res, error.status, { message: error.message, code: error.code });
    throw error;
  }
}

function faultsView(faults: Faults) {
  return { rules: faults.list(), seed: faults.seedValue ?? null };
}

/** GET lists the rules; POST `{"rules":[...], "seed"?: n}` replaces them; DELETE clears them. */
export function handleFaults(faults: Faults, req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  answer(res, () => {
    switch (req.method) {
      case 'GET':
        return faultsView(faults);
      case 'POST':
      case 'PUT': {
        const input = parseJson(body);
        const rules = parseFaultRules(input);
        const seed = (input as { seed?: unknown } | null)?.seed;
        if (seed !== undefined && seed !== null && (typeof seed !== 'number' || !Number.isFinite(seed))) throw new BadInput('seed must be a number');
        faults.set(rules, typeof seed === 'number' ? { seed } : {});
        return faultsView(faults);
      }
      case 'DELETE':
        faults.clear();
        return faultsView(faults);
      default:
        throw new BadInput('Use GET, POST or DELETE', 405);
    }
  });
}

interface UsageEntry {
  usagePlanId: string;
  keyId: string;
  days: { day: number; used: number }[];
}

const MAX_ENTRIES = 20_000;
const MAX_DAYS_PER_ENTRY = 500;
const MODES: BackfillMode[] = ['replace', 'add', 'max'];

/**
 * `{"usagePlanId", "keyId", "days": [{"date": "YYYY-MM-DD", "used": n}], "mode"?}` or
 * `{"entries": [{usagePlanId, keyId, days}], "mode"?}`. mode: replace (default), add or max. The key must be in the
 * plan; dates may not be in the future. All-or-nothing: everything is validated before anything is written.
 */
export function handleUsageBackfill(state: GatewayState, now: () => number, req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  answer(res, () => {
    if (req.method !== 'POST') throw new BadInput('Use POST', 405);
    const input = parseJson(body) as Record<string, unknown> | null;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new BadInput('Body must be a JSON object');
    const mode = (input.mode ?? 'replace') as BackfillMode;
    if (!MODES.includes(mode)) throw new BadInput(`mode must be one of ${MODES.join(', ')}`);
    const rawEntries = Array.isArray(input.entries) ? input.entries : input.entries === undefined ? [input] : undefined;
    if (!rawEntries) throw new BadInput('entries must be a list');
    if (rawEntries.length > MAX_ENTRIES) throw new BadInput(`At most ${MAX_ENTRIES} entries per call`);
    const today = epochDayOf(now());
    const planKeys = new Map<string, Set<string>>();
    const entries: UsageEntry[] = rawEntries.map((raw, i) => {
      const where = Array.isArray(input.entries) ? `entries[${i}]` : 'body';
      const e = raw as Record<string, unknown> | null;
      if (typeof e !== 'object' || e === null) throw new BadInput(`${where} must be an object`);
      const { usagePlanId, keyId, days } = e;
      if (typeof usagePlanId !== 'string' || typeof keyId !== 'string') throw new BadInput(`${where}: usagePlanId and keyId are required`);
      const plan = state.data.usagePlans[usagePlanId];
      if (!plan) throw new BadInput(`${where}: Invalid Usage Plan ID specified: ${usagePlanId}`, 404);
      let keys = planKeys.get(plan.id);
      if (!keys) planKeys.set(plan.id, (keys = new Set(plan.keyIds)));
      if (!keys.has(keyId)) throw new BadInput(`${where}: API Key ${keyId} is not in usage plan ${usagePlanId}`, 404);
      if (!Array.isArray(days) || days.length > MAX_DAYS_PER_ENTRY) throw new BadInput(`${where}: days must be a list of at most ${MAX_DAYS_PER_ENTRY}`);
      return {
        usagePlanId,
        keyId,
        days: days.map((d: unknown, j) => {
          const { date, used } = (d ?? {}) as { date?: unknown; used?: unknown };
          const day = typeof date === 'string' ? parseDay(date) : undefined;
          if (day === undefined) throw new BadInput(`${where}.days[${j}]: date must be YYYY-MM-DD`);
          if (day > today) throw new BadInput(`${where}.days[${j}]: ${String(date)} is in the future`);
          if (typeof used !== 'number' || !Number.isInteger(used) || used < 0 || used > 1e12) {
            throw new BadInput(`${where}.days[${j}]: used must be a non-negative integer`);
          }
          return { day, used };
        }),
      };
    });
    let written = 0;
    for (const e of entries) {
      for (const d of e.days) {
        setUsedOn(state, e.usagePlanId, e.keyId, d.day, d.used, mode);
        written++;
      }
    }
    return { entries: entries.length, days: written };
  });
}

/** PutMetricData's JSON input plus `"Resolution": "minute" | "hour"`; see backfillMetricData. */
export function handleMetricsBackfill(cloudwatch: CloudWatchBinding, req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  answer(res, () => {
    if (req.method !== 'POST') throw new BadInput('Use POST', 405);
    return cloudwatch.backfill(parseJson(body));
  });
}
