// How much of a key's quota the current period has used, from cached GetUsage days. Pure.

export interface StoredUsageDay {
  /** UTC day, YYYY-MM-DD. */
  date: string;
  used: number;
  /** Quota left at the end of the day as AWS reported it; null for a plan without a quota. */
  remaining: number | null;
}

/**
 * Requests counted against the quota in the period starting `periodStartDay` (through `today`). AWS's own number is
 * `quota − remaining` on the latest day of the period we have: it includes adjustments made with UpdateUsage, which
 * the daily `used` counts do not. Without a quota (or without a remaining figure) it is the sum of the days' counts.
 */
export function periodUsed(days: readonly StoredUsageDay[], quota: number | null, periodStartDay: string, today: string): number {
  const inPeriod = days.filter((d) => d.date >= periodStartDay && d.date <= today);
  const summed = inPeriod.reduce((sum, d) => sum + d.used, 0);
  if (quota === null) return summed;
  const latest = inPeriod.reduce<StoredUsageDay | null>((last, d) => (d.remaining !== null && (!last || d.date > last.date) ? d : last), null);
  if (!latest || latest.remaining === null) return summed;
  return Math.max(0, quota - latest.remaining);
}
