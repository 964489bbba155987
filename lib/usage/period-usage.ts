// How much of the quota a key's requests used in the current period, from cached GetUsage days. Pure.

export interface StoredUsageDay {
  /** UTC day, YYYY-MM-DD. */
  date: string;
  used: number;
  /** Quota left at the end of the day as AWS reported it; null for a plan without a quota. */
  remaining: number | null;
}

/**
 * Requests the key made in the period starting `periodStartDay` (through `today`): the sum of the days' counts.
 * The quota is pooled per customer (lib/quota), so AWS's `remaining` is the key's share of the customer's pooled
 * remainder, set by the portal with UpdateUsage: `quota − remaining` says nothing about what the key used.
 */
export function periodUsed(days: readonly StoredUsageDay[], _quota: number | null, periodStartDay: string, today: string): number {
  return days.filter((d) => d.date >= periodStartDay && d.date <= today).reduce((sum, d) => sum + d.used, 0);
}

/**
 * What AWS last said is left for the key in the period (its share of the pool: at 0 its calls get 429), or null
 * without a figure in the period.
 */
export function latestRemaining(days: readonly StoredUsageDay[], periodStartDay: string, today: string): number | null {
  const latest = days
    .filter((d) => d.date >= periodStartDay && d.date <= today)
    .reduce<StoredUsageDay | null>((last, d) => (d.remaining !== null && (!last || d.date > last.date) ? d : last), null);
  return latest?.remaining ?? null;
}
