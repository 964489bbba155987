/**
 * Per usage plan, per key, per UTC day request counts — the numbers GetUsage reports and quotas enforce.
 * Days are handled as integer "epoch days" (days since 1970-01-01 UTC) and stored as "YYYY-MM-DD".
 */
import type { GatewayState, KeyUsageRecord, QuotaPeriod, UsagePlanRecord } from './state';

export const DAY_MS = 86_400_000;

export const epochDayOf = (ms: number): number => Math.floor(ms / DAY_MS);

const dayStrings = new Map<number, string>();
export function dayString(day: number): string {
  let s = dayStrings.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayStrings.size > 5000) dayStrings.clear();
    dayStrings.set(day, s);
  }
  return s;
}

/** "YYYY-MM-DD" → epoch day, or undefined when not a real date. */
export function parseDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / DAY_MS;
  return dayString(day) === text ? day : undefined;
}

/** First day of the quota period containing `day`: weeks start on Monday, months on the 1st (UTC). */
export function periodStart(day: number, period: QuotaPeriod): number {
  switch (period) {
    case 'DAY':
      return day;
    case 'WEEK':
      // 1970-01-01 was a Thursday, i.e. weekday 3 when Monday is 0.
      return day - ((day + 3) % 7);
    case 'MONTH': {
      const d = new Date(day * DAY_MS);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
    }
  }
}

export function keyUsage(state: GatewayState, planId: string, keyId: string): KeyUsageRecord | undefined {
  return state.data.usage[planId]?.[keyId];
}

function ensureKeyUsage(state: GatewayState, planId: string, keyId: string): KeyUsageRecord {
  const byKey = (state.data.usage[planId] ??= {});
  return (byKey[keyId] ??= { days: {} });
}

export function usedOn(usage: KeyUsageRecord | undefined, day: number): number {
  return usage?.days[dayString(day)] ?? 0;
}

/** Requests counted from the start of `day`'s quota period through `day`. */
export function usedInPeriodThrough(usage: KeyUsageRecord | undefined, period: QuotaPeriod, day: number): number {
  if (!usage) return 0;
  let used = 0;
  for (let d = periodStart(day, period); d <= day; d++) used += usage.days[dayString(d)] ?? 0;
  return used;
}

function hasQuota(plan: UsagePlanRecord): plan is UsagePlanRecord & { quota: { limit: number; period: QuotaPeriod } } {
  return plan.quota?.limit !== undefined && plan.quota.period !== undefined;
}

/**
 * Quota left at the end of `day` (what GetUsage's second number says), or undefined when the plan has no quota.
 */
export function remainingAt(plan: UsagePlanRecord, usage: KeyUsageRecord | undefined, day: number): number | undefined {
  if (!hasQuota(plan)) return undefined;
  const start = periodStart(day, plan.quota.period);
  const adjustment = usage?.adjustment?.periodStart === dayString(start) ? usage.adjustment.delta : 0;
  return plan.quota.limit - usedInPeriodThrough(usage, plan.quota.period, day) - adjustment;
}

/** UpdateUsage `replace /remaining`: makes the current period's remaining quota equal `remaining`. */
export function setRemaining(state: GatewayState, plan: UsagePlanRecord, keyId: string, day: number, remaining: number): void {
  if (!hasQuota(plan)) return;
  const usage = ensureKeyUsage(state, plan.id, keyId);
  const used = usedInPeriodThrough(usage, plan.quota.period, day);
  usage.adjustment = {
    periodStart: dayString(periodStart(day, plan.quota.period)),
    delta: plan.quota.limit - used - remaining,
  };
  state.usageChanged();
}

export function recordRequest(state: GatewayState, planId: string, keyId: string, day: number): void {
  const usage = ensureKeyUsage(state, planId, keyId);
  const name = dayString(day);
  usage.days[name] = (usage.days[name] ?? 0) + 1;
  state.usageChanged();
}

export type BackfillMode = 'replace' | 'add' | 'max';

/** Local AWS only (usage backfill): sets, adds to or raises the count of one day. */
export function setUsedOn(state: GatewayState, planId: string, keyId: string, day: number, used: number, mode: BackfillMode = 'replace'): void {
  const usage = ensureKeyUsage(state, planId, keyId);
  const name = dayString(day);
  const before = usage.days[name] ?? 0;
  const after = mode === 'add' ? before + used : mode === 'max' ? Math.max(before, used) : used;
  if (after === 0) delete usage.days[name];
  else usage.days[name] = after;
  state.usageChanged();
}
