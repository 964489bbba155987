// One customer's billable figures for a period, in the shape a closed period freezes (BillingPeriodLine) and an
// invoice is composed from. Built from the period report's days and amounts (lib/billing/amounts.ts): the same
// rules, the same cents. Pure.
import { amountFor, type AmountBreakdown, type BillingTier, type DayFigure } from "@/lib/billing/amounts";
import { quotaPeriodAt } from "@/lib/usage/quota-period";
import { dayStart, utcDay } from "@/lib/usage/utc-days";

/** Days on one tier inside one calendar month of the period, prorated (amounts.ts's tier line). */
export interface TierSpanFigure {
  tierId: string;
  tierName: string;
  /** First and last day on the tier, inclusive ("YYYY-MM-DD"). */
  from: string;
  to: string;
  days: number;
  daysInMonth: number;
  monthlyPriceCents: number;
  amountCents: number;
}

/** One quota period (on one tier) in which the pooled count went over the quota. */
export interface QuotaPeriodOverage {
  from: string;
  to: string;
  quota: number;
  /** The pooled count at the end of the period's days in the range (from the period's start). */
  used: number;
  overageRequests: number;
}

/** Requests over the quota on one tier, charged per 1,000 (amounts.ts's overage line), with its quota periods. */
export interface OverageFigure {
  tierId: string;
  tierName: string;
  overageRequests: number;
  /** 0 when the tier has no overage price. */
  pricePer1000Cents: number;
  amountCents: number;
  periods: QuotaPeriodOverage[];
}

export interface CustomerFigures {
  customerId: string;
  customerName: string;
  company: string | null;
  tierSpans: TierSpanFigure[];
  overage: OverageFigure[];
  requests: number;
  /** The quota of the tier held on the period's last billed day; null without one. */
  quota: number | null;
  overageRequests: number;
  tierCents: number;
  overageCents: number;
  amountCents: number;
}

export interface FiguresCustomer {
  customerId: string;
  customerName: string;
  company: string | null;
}

/** The customer's figures from its days in the period (amounts.ts dayFigures) and the tiers they name. */
export function figuresFromDays(customer: FiguresCustomer, days: readonly DayFigure[], tiers: ReadonlyMap<string, BillingTier>): CustomerFigures {
  return figuresFrom(customer, days, amountFor(days, tiers));
}

/** The customer's figures from its days and their amount (amounts.ts amountFor, as the drill-down computes it). */
export function figuresFrom(customer: FiguresCustomer, days: readonly DayFigure[], amount: AmountBreakdown): CustomerFigures {
  const periods = new Map<string, QuotaPeriodOverage & { tierId: string }>();
  for (const d of days) {
    if (!d.tierId || d.quota === null || d.period === null) continue;
    const key = `${d.tierId}|${utcDay(quotaPeriodAt(d.period, dayStart(d.day)).start)}`;
    const seen = periods.get(key);
    if (seen) {
      seen.to = d.day;
      seen.used = d.cumulative;
      seen.overageRequests += d.overage;
    } else periods.set(key, { tierId: d.tierId, from: d.day, to: d.day, quota: d.quota, used: d.cumulative, overageRequests: d.overage });
  }
  const tierSpans: TierSpanFigure[] = [];
  const overage: OverageFigure[] = [];
  for (const line of amount.lines) {
    if (line.kind === "tier") {
      tierSpans.push({
        tierId: line.tierId,
        tierName: line.tierName,
        from: line.from,
        to: line.to,
        days: line.days,
        daysInMonth: line.daysInMonth,
        monthlyPriceCents: line.monthlyPriceCents,
        amountCents: line.cents,
      });
    } else {
      overage.push({
        tierId: line.tierId,
        tierName: line.tierName,
        overageRequests: line.requests,
        pricePer1000Cents: line.centsPer1k,
        amountCents: line.cents,
        periods: [...periods.values()]
          .filter((p) => p.tierId === line.tierId && p.overageRequests > 0)
          .map(({ from, to, quota, used, overageRequests }) => ({ from, to, quota, used, overageRequests })),
      });
    }
  }
  const billed = days.filter((d) => d.tierId !== null);
  return {
    ...customer,
    tierSpans,
    overage,
    requests: days.reduce((s, d) => s + d.used, 0),
    quota: billed.at(-1)?.quota ?? null,
    overageRequests: days.reduce((s, d) => s + d.overage, 0),
    tierCents: amount.priceCents,
    overageCents: amount.overageCents,
    amountCents: amount.totalCents,
  };
}

/** A customer with nothing billed in the period (a customer missing from a closed period's lines compares as this). */
export function emptyFigures(customer: FiguresCustomer): CustomerFigures {
  return { ...customer, tierSpans: [], overage: [], requests: 0, quota: null, overageRequests: 0, tierCents: 0, overageCents: 0, amountCents: 0 };
}
