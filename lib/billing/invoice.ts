// An invoice preview: one customer's period figures (live from the period report, or frozen at closing) laid out as
// line items — each tier span prorated, overage per tier with its quota periods, adjustments after closing — with
// subtotal and total. Pure composition: every amount comes from the figures (lib/billing/amounts.ts's rules);
// nothing is priced here.
import type { Adjustment } from "@/lib/billing/adjustments";
import type { CustomerFigures, QuotaPeriodOverage } from "@/lib/billing/figures";

export type InvoiceLine =
  | {
      kind: "tier";
      description: string;
      tierName: string;
      from: string;
      to: string;
      days: number;
      daysInMonth: number;
      monthlyPriceCents: number;
      amountCents: number;
    }
  | {
      kind: "overage";
      description: string;
      tierName: string;
      overageRequests: number;
      pricePer1000Cents: number;
      periods: QuotaPeriodOverage[];
      amountCents: number;
    }
  | {
      kind: "adjustment";
      description: string;
      note: string;
      /** When the correction was stored (ISO); null when unknown. */
      correctedAt: string | null;
      requestsDelta: number;
      amountCents: number;
    };

export interface InvoicePreview {
  customer: { id: string; name: string; company: string | null };
  period: { from: string; to: string };
  /** Set when the period is closed: the lines are its frozen figures, and adjustments show what changed since. */
  closed: { closedAt: string; closedByEmail: string | null } | null;
  lines: InvoiceLine[];
  requests: number;
  /** Tier and overage lines. */
  subtotalCents: number;
  adjustmentsCents: number;
  totalCents: number;
}

const count = (n: number) => n.toLocaleString("en-US");
const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;

export function composeInvoice(input: {
  figures: CustomerFigures;
  period: { from: string; to: string };
  closed?: { closedAt: Date; closedByEmail: string | null } | null;
  adjustments?: readonly Adjustment[];
}): InvoicePreview {
  const { figures, period } = input;
  const lines: InvoiceLine[] = [];
  for (const s of figures.tierSpans) {
    lines.push({
      kind: "tier",
      description: `${s.tierName} tier, ${plural(s.days, "day", "days")} of ${s.daysInMonth}`,
      tierName: s.tierName,
      from: s.from,
      to: s.to,
      days: s.days,
      daysInMonth: s.daysInMonth,
      monthlyPriceCents: s.monthlyPriceCents,
      amountCents: s.amountCents,
    });
  }
  for (const o of figures.overage) {
    if (o.overageRequests <= 0) continue;
    lines.push({
      kind: "overage",
      description: `Overage on ${o.tierName}: ${plural(o.overageRequests, "request", "requests")} over the quota`,
      tierName: o.tierName,
      overageRequests: o.overageRequests,
      pricePer1000Cents: o.pricePer1000Cents,
      periods: o.periods,
      amountCents: o.amountCents,
    });
  }
  const subtotalCents = lines.reduce((sum, l) => sum + l.amountCents, 0);
  const adjustments = (input.adjustments ?? []).filter((a) => a.customerId === figures.customerId);
  for (const a of adjustments) {
    lines.push({
      kind: "adjustment",
      description: "Adjustment after closing",
      note: a.note,
      correctedAt: a.correctedAt ? a.correctedAt.toISOString() : null,
      requestsDelta: a.requestsDelta,
      amountCents: a.amountCentsDelta,
    });
  }
  const adjustmentsCents = adjustments.reduce((sum, a) => sum + a.amountCentsDelta, 0);
  return {
    customer: { id: figures.customerId, name: figures.customerName, company: figures.company },
    period,
    closed: input.closed ? { closedAt: input.closed.closedAt.toISOString(), closedByEmail: input.closed.closedByEmail } : null,
    lines,
    requests: figures.requests,
    subtotalCents,
    adjustmentsCents,
    totalCents: subtotalCents + adjustmentsCents,
  };
}
