// Quota periods as API Gateway counts them, all in UTC: a DAY starts at midnight, a WEEK on Monday (as local AWS,
// local-aws/usage-ledger.ts periodStart), a MONTH on the 1st. The quota resets when the next period starts. Pure.
import { DAY_MS } from "@/lib/usage/utc-days";

export type QuotaPeriod = "DAY" | "WEEK" | "MONTH";

export interface QuotaWindow {
  period: QuotaPeriod;
  /** Inclusive. */
  start: Date;
  /** Exclusive: the moment the quota resets. */
  end: Date;
}

export function quotaPeriodAt(period: QuotaPeriod, now: Date): QuotaWindow {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const midnight = Date.UTC(year, month, now.getUTCDate());
  switch (period) {
    case "DAY":
      return { period, start: new Date(midnight), end: new Date(midnight + DAY_MS) };
    case "WEEK": {
      const sinceMonday = (now.getUTCDay() + 6) % 7; // getUTCDay: Sunday 0 … Saturday 6
      const start = midnight - sinceMonday * DAY_MS;
      return { period, start: new Date(start), end: new Date(start + 7 * DAY_MS) };
    }
    case "MONTH":
      return { period, start: new Date(Date.UTC(year, month, 1)), end: new Date(Date.UTC(year, month + 1, 1)) };
  }
}

export function isQuotaPeriod(value: string | null | undefined): value is QuotaPeriod {
  return value === "DAY" || value === "WEEK" || value === "MONTH";
}
