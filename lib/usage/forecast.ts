// When a key's quota runs out if it keeps being used at its current rate. Pure.
import { quotaPeriodAt, type QuotaPeriod } from "@/lib/usage/quota-period";
import { DAY_MS } from "@/lib/usage/utc-days";

export type QuotaForecast =
  /** The quota is used up: requests get 429 until the period resets. */
  | { kind: "exhausted"; resetsAt: Date }
  /** At the current rate the quota runs out at `at`, before the reset. */
  | { kind: "runs_out"; at: Date; resetsAt: Date }
  /** At the current rate the period resets before the quota runs out (includes no traffic at all). */
  | { kind: "not_before_reset"; resetsAt: Date };

/** How many complete recent days make up the "recent days" rate. */
export const RECENT_DAYS = 7;

export interface ForecastInput {
  /** Requests per period, or null for a plan without a quota. */
  quota: number | null;
  period: QuotaPeriod | null;
  /** Requests counted against the quota so far in the current period. */
  periodUsed: number;
  /** Requests so far today (UTC). For a DAY quota `periodUsed` is used instead: it is today's count against the quota. */
  usedToday: number;
  /** Requests on each complete day before today, oldest first; only days the key existed. The last 7 count. */
  recentDays: readonly number[];
  now: Date;
}

/**
 * The current rate is today's pace (requests today / time since midnight UTC) blended with the average of the last
 * 7 complete days, weighted by how much of today has passed: just after midnight the recent days speak, by the evening
 * mostly today does. A key with no earlier days uses today's pace alone. The quota runs out when the quota left at
 * that rate is used; if that is at or after the reset, it does not run out this period. Null when there is no quota.
 */
export function forecastQuota(input: ForecastInput): QuotaForecast | null {
  const { quota, period, now } = input;
  if (quota === null || period === null) return null;
  const { end: resetsAt } = quotaPeriodAt(period, now);
  const left = quota - input.periodUsed;
  if (left <= 0) return { kind: "exhausted", resetsAt };

  const sinceMidnight = now.getTime() - quotaPeriodAt("DAY", now).start.getTime();
  const today = period === "DAY" ? input.periodUsed : input.usedToday;
  const todayPace = sinceMidnight > 0 ? today / sinceMidnight : 0;
  const recent = input.recentDays.slice(-RECENT_DAYS);
  const recentPace = recent.length > 0 ? recent.reduce((sum, n) => sum + n, 0) / recent.length / DAY_MS : 0;
  const todayWeight = recent.length > 0 ? sinceMidnight / DAY_MS : 1;
  const perMs = todayWeight * todayPace + (1 - todayWeight) * recentPace;
  if (perMs <= 0) return { kind: "not_before_reset", resetsAt };

  const at = new Date(now.getTime() + Math.ceil(left / perMs));
  return at.getTime() < resetsAt.getTime() ? { kind: "runs_out", at, resetsAt } : { kind: "not_before_reset", resetsAt };
}
