// What a customer owes for a range of UTC days: its tiers' monthly prices prorated by the days it held each tier, plus
// overage per 1,000 requests over the pooled quota. Integer cents throughout. Pure (usable in tests, the report's
// drill-down and the invoice); lib/billing/period-report.ts computes the same figures in SQL for the whole list, and
// its integration test checks the two agree.
//
// The rules, in one place:
// - Days: a range is inclusive UTC calendar days ("YYYY-MM-DD"). A day is billed at the tier the customer held LAST on
//   that day (the latest tier span overlapping it): a move on the 15th bills the 15th at the new tier; the day of
//   sign-up and the day of deletion are billed; days with no span (before sign-up, after deletion) are not.
// - Proration: per tier and calendar month, price × days on the tier in that month ÷ days in that month, rounded to
//   the nearest cent (half up). A whole month on one tier is exactly its monthly price.
// - Quota periods: as API Gateway counts them (lib/usage/quota-period.ts: DAY, WEEK from Monday, MONTH from the 1st,
//   UTC). Within one quota period on one tier, the pooled count is every request of all the customer's keys from the
//   period's start (even before the range) — a tier move starts a new count, as AWS starts a new quota in a new plan
//   (moving back within the same period continues the earlier count on that tier).
// - Overage requests: per quota period, max(0, used − quota), attributed to the day they happened (so ranges add up).
// - Days at quota: days on which the period's cumulative count had reached the quota (for a DAY quota: the day's
//   count reached it).
// - Overage amount: per tier, overage requests × the tier's cents per 1,000 ÷ 1,000, rounded UP to a whole cent (a
//   part of a cent is never given away, and never more than one cent is added). No overage price, no overage charge.
import { quotaPeriodAt, type QuotaPeriod } from "@/lib/usage/quota-period";
import { addDays, dayStart, DAY_MS, utcDay } from "@/lib/usage/utc-days";

/** Inclusive UTC days, "YYYY-MM-DD". */
export interface DayRange {
  from: string;
  to: string;
}

/** What the amounts need to know about a tier. */
export interface BillingTier {
  id: string;
  name: string;
  monthlyPriceCents: number;
  /** Cents per 1,000 requests over the quota; null: no overage charge. */
  overageCentsPer1k: number | null;
  quotaLimit: number | null;
  quotaPeriod: QuotaPeriod | null;
}

/** A customer's tier over time: from (inclusive) to (exclusive; null while it holds). */
export interface TierSpan {
  tierId: string;
  from: Date;
  to: Date | null;
}

/** One day of a customer in the range, with its pooled quota figures. */
export interface DayFigure {
  day: string;
  /** The tier the day is billed at; null when the customer held none (before sign-up, after deletion). */
  tierId: string | null;
  /** Requests of all the customer's keys that day. */
  used: number;
  /** The quota of the day's tier per its period; null without a quota. */
  quota: number | null;
  period: QuotaPeriod | null;
  /** The pooled count in the day's quota period up to and including this day. */
  cumulative: number;
  atQuota: boolean;
  /** Requests over the quota made this day. */
  overage: number;
}

export type AmountLine =
  | {
      kind: "tier";
      tierId: string;
      tierName: string;
      /** First and last day of this line (within one calendar month). */
      from: string;
      to: string;
      days: number;
      daysInMonth: number;
      monthlyPriceCents: number;
      cents: number;
    }
  | {
      kind: "overage";
      tierId: string;
      tierName: string;
      requests: number;
      centsPer1k: number;
      cents: number;
    };

export interface AmountBreakdown {
  lines: AmountLine[];
  priceCents: number;
  overageCents: number;
  totalCents: number;
}

export function daysInMonth(day: string): number {
  const d = dayStart(day);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

/** Every day of the range, oldest first. */
export function daysOf(range: DayRange): string[] {
  const out: string[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The price of `days` days of a month with `monthDays` days, rounded to the cent (half up). */
export function prorateCents(monthlyPriceCents: number, days: number, monthDays: number): number {
  if (days <= 0 || monthlyPriceCents <= 0) return 0;
  return Math.round((monthlyPriceCents * days) / monthDays);
}

/** Overage charge for `requests` at `centsPer1k`, rounded up to a whole cent; 0 without a price. */
export function overageCents(requests: number, centsPer1k: number | null): number {
  if (requests <= 0 || centsPer1k === null || centsPer1k <= 0) return 0;
  // Integer arithmetic: ceil(requests × cents / 1000) without floating-point error.
  const product = requests * centsPer1k;
  return Math.floor((product + 999) / 1000);
}

/** The tier a day is billed at: the latest span overlapping it (see the rules above); null without one. */
export function tierOnDay(spans: readonly TierSpan[], day: string): string | null {
  const start = dayStart(day).getTime();
  const end = start + DAY_MS;
  let best: TierSpan | null = null;
  for (const s of spans) {
    if (s.from.getTime() < end && (s.to === null || s.to.getTime() > start)) {
      if (best === null || s.from.getTime() >= best.from.getTime()) best = s;
    }
  }
  return best?.tierId ?? null;
}

/** The first day whose usage the range's quota periods need: the start of the WEEK and MONTH periods around `from`. */
export function lookbackStart(from: string): string {
  const at = dayStart(from);
  const week = utcDay(quotaPeriodAt("WEEK", at).start);
  const month = utcDay(quotaPeriodAt("MONTH", at).start);
  return week < month ? week : month;
}

/**
 * The range's days with their tier, usage and pooled quota figures. `usage` maps a day to the requests of all the
 * customer's keys that day; it should cover lookbackStart(range.from) to range.to so periods that started before the
 * range count from their start.
 */
export function dayFigures(
  range: DayRange,
  spans: readonly TierSpan[],
  tiers: ReadonlyMap<string, BillingTier>,
  usage: ReadonlyMap<string, number>,
): DayFigure[] {
  const out: DayFigure[] = [];
  // The pooled count per quota period and tier (a tier left and re-entered in one period continues its count).
  const counts = new Map<string, number>();
  for (const day of daysOf({ from: lookbackStart(range.from), to: range.to })) {
    const tierId = tierOnDay(spans, day);
    const tier = tierId ? tiers.get(tierId) : undefined;
    const used = usage.get(day) ?? 0;
    const quota = tier && tier.quotaPeriod && tier.quotaLimit !== null ? tier.quotaLimit : null;
    const period = quota !== null && tier ? tier.quotaPeriod : null;
    let overage = 0;
    let atQuota = false;
    let cumulative = used;
    if (quota !== null && period !== null && tierId) {
      const key = `${tierId}|${utcDay(quotaPeriodAt(period, dayStart(day)).start)}`;
      const before = counts.get(key) ?? 0;
      cumulative = before + used;
      counts.set(key, cumulative);
      overage = Math.max(0, cumulative - quota) - Math.max(0, before - quota);
      atQuota = cumulative >= quota;
    }
    if (day >= range.from) out.push({ day, tierId, used, quota, period, cumulative, atQuota, overage });
  }
  return out;
}

/** The amount for the range's days: prorated tier lines per tier and month, then overage lines per tier. */
export function amountFor(days: readonly DayFigure[], tiers: ReadonlyMap<string, BillingTier>): AmountBreakdown {
  const lines: AmountLine[] = [];
  // Consecutive days on one tier within one month make one line.
  let run: { tierId: string; from: string; to: string; days: number } | null = null;
  const flush = () => {
    if (!run) return;
    const tier = tiers.get(run.tierId);
    if (tier) {
      const monthDays = daysInMonth(run.from);
      lines.push({
        kind: "tier",
        tierId: tier.id,
        tierName: tier.name,
        from: run.from,
        to: run.to,
        days: run.days,
        daysInMonth: monthDays,
        monthlyPriceCents: tier.monthlyPriceCents,
        cents: 0,
      });
    }
    run = null;
  };
  for (const d of days) {
    if (run && (d.tierId !== run.tierId || d.day.slice(0, 7) !== run.from.slice(0, 7) || addDays(run.to, 1) !== d.day)) flush();
    if (!d.tierId) continue;
    if (run) {
      run.to = d.day;
      run.days += 1;
    } else run = { tierId: d.tierId, from: d.day, to: d.day, days: 1 };
  }
  flush();
  // Proration is per tier and month (not per line), so a customer moved away and back in one month pays the rounded
  // price of its total days there: the cents go on the month's first line of that tier.
  const perTierMonth = new Map<string, { days: number; first: AmountLine & { kind: "tier" } }>();
  for (const line of lines) {
    if (line.kind !== "tier") continue;
    const key = `${line.tierId}|${line.from.slice(0, 7)}`;
    const seen = perTierMonth.get(key);
    if (seen) seen.days += line.days;
    else perTierMonth.set(key, { days: line.days, first: line });
  }
  for (const { days: n, first } of perTierMonth.values()) first.cents = prorateCents(first.monthlyPriceCents, n, first.daysInMonth);

  const overByTier = new Map<string, number>();
  for (const d of days) if (d.tierId && d.overage > 0) overByTier.set(d.tierId, (overByTier.get(d.tierId) ?? 0) + d.overage);
  for (const [tierId, requests] of overByTier) {
    const tier = tiers.get(tierId);
    if (!tier) continue;
    lines.push({
      kind: "overage",
      tierId,
      tierName: tier.name,
      requests,
      centsPer1k: tier.overageCentsPer1k ?? 0,
      cents: overageCents(requests, tier.overageCentsPer1k),
    });
  }
  const priceCents = lines.reduce((s, l) => s + (l.kind === "tier" ? l.cents : 0), 0);
  const overage = lines.reduce((s, l) => s + (l.kind === "overage" ? l.cents : 0), 0);
  return { lines, priceCents, overageCents: overage, totalCents: priceCents + overage };
}

/** The figures the report shows for one customer's days. */
export interface DaySummary {
  requests: number;
  daysAtQuota: number;
  overageRequests: number;
  /** The highest share of a quota used in any quota period of the range, in percent; null without a quota. */
  peakPercent: number | null;
}

export function summarizeDays(days: readonly DayFigure[]): DaySummary {
  let requests = 0;
  let daysAtQuota = 0;
  let overageRequests = 0;
  let peak: number | null = null;
  for (const d of days) {
    requests += d.used;
    overageRequests += d.overage;
    if (d.atQuota) daysAtQuota += 1;
    if (d.quota !== null) {
      const p = d.quota > 0 ? (d.cumulative * 100) / d.quota : d.cumulative > 0 ? 100 : 0;
      peak = peak === null ? p : Math.max(peak, p);
    }
  }
  return { requests, daysAtQuota, overageRequests, peakPercent: peak };
}
