import { describe, expect, it } from "vitest";
import { dayFigures, type BillingTier } from "@/lib/billing/amounts";
import { adjustmentFor } from "@/lib/billing/adjustments";
import { figuresFromDays } from "@/lib/billing/figures";
import { composeInvoice } from "@/lib/billing/invoice";

const basic: BillingTier = { id: "basic", name: "Basic", monthlyPriceCents: 0, overageCentsPer1k: 50, quotaLimit: 1000, quotaPeriod: "DAY" };
const premium: BillingTier = { id: "premium", name: "Premium", monthlyPriceCents: 4900, overageCentsPer1k: 20, quotaLimit: 100_000, quotaPeriod: "MONTH" };
const tiers = new Map([basic, premium].map((t) => [t.id, t]));
const customer = { customerId: "c1", customerName: "Ada Lovelace", company: "Analytical Engines" };
const november = { from: "2026-11-01", to: "2026-11-30" };
// Basic until a move on November 15 (the 15th is billed at the new tier), Premium since.
const spans = [
  { tierId: "basic", from: new Date("2026-10-01T00:00:00Z"), to: new Date("2026-11-15T10:00:00Z") },
  { tierId: "premium", from: new Date("2026-11-15T10:00:00Z"), to: null },
];

function figures(usage: Record<string, number>) {
  return figuresFromDays(customer, dayFigures(november, spans, tiers, new Map(Object.entries(usage))), tiers);
}

describe("invoice composition", () => {
  it("prorates each tier span, charges overage per tier with its quota periods, and adds up to the report's amount", () => {
    // 1,500 on a basic day (500 over its daily quota); 110,000 on premium in November (10,000 over).
    const f = figures({ "2026-11-03": 1_500, "2026-11-20": 60_000, "2026-11-25": 50_000 });
    const invoice = composeInvoice({ figures: f, period: november });
    expect(invoice.lines.map((l) => [l.kind, l.description, l.amountCents])).toEqual([
      ["tier", "Basic tier, 14 days of 30", 0],
      ["tier", "Premium tier, 16 days of 30", 2613], // 4,900 × 16 ÷ 30 = 2,613.33
      ["overage", "Overage on Basic: 500 requests over the quota", 25], // 500 × 50 ÷ 1,000
      ["overage", "Overage on Premium: 10,000 requests over the quota", 200],
    ]);
    const basicOverage = invoice.lines.find((l) => l.kind === "overage" && l.tierName === "Basic");
    expect(basicOverage?.kind === "overage" ? basicOverage.periods : null).toEqual([
      { from: "2026-11-03", to: "2026-11-03", quota: 1000, used: 1500, overageRequests: 500 },
    ]);
    const premiumOverage = invoice.lines.find((l) => l.kind === "overage" && l.tierName === "Premium");
    expect(premiumOverage?.kind === "overage" ? premiumOverage.periods : null).toEqual([
      { from: "2026-11-15", to: "2026-11-30", quota: 100_000, used: 110_000, overageRequests: 10_000 },
    ]);
    expect(invoice.subtotalCents).toBe(2838);
    expect(invoice.subtotalCents).toBe(f.amountCents);
    expect(invoice.totalCents).toBe(2838);
    expect(invoice.requests).toBe(111_500);
    expect(invoice.closed).toBeNull();
    expect(invoice.customer).toEqual({ id: "c1", name: "Ada Lovelace", company: "Analytical Engines" });
  });

  it("leaves out overage lines without overage, and a whole month on one tier is its monthly price", () => {
    const whole = figuresFromDays(
      customer,
      dayFigures(november, [{ tierId: "premium", from: new Date("2026-01-01T00:00:00Z"), to: null }], tiers, new Map([["2026-11-02", 10]])),
      tiers,
    );
    const invoice = composeInvoice({ figures: whole, period: november });
    expect(invoice.lines).toHaveLength(1);
    expect(invoice.lines[0]).toMatchObject({ kind: "tier", days: 30, amountCents: 4900 });
    expect(invoice.totalCents).toBe(4900);
  });

  it("shows a closed period's adjustments as separate lines after the subtotal, with their note and date", () => {
    const frozen = figures({ "2026-11-20": 60_000, "2026-11-25": 50_000 });
    const corrected = figures({ "2026-11-20": 60_000, "2026-11-25": 52_000 }); // a later snapshot corrected the 25th
    const correctedAt = new Date("2026-12-03T08:00:00Z");
    const adjustment = adjustmentFor(frozen, corrected, correctedAt);
    const invoice = composeInvoice({
      figures: frozen,
      period: november,
      closed: { closedAt: new Date("2026-12-01T09:00:00Z"), closedByEmail: "billing@example.com" },
      adjustments: adjustment ? [adjustment, { ...adjustment, customerId: "someone-else" }] : [],
    });
    expect(invoice.closed).toEqual({ closedAt: "2026-12-01T09:00:00.000Z", closedByEmail: "billing@example.com" });
    const last = invoice.lines.at(-1);
    expect(last).toMatchObject({ kind: "adjustment", requestsDelta: 2000, amountCents: 40, correctedAt: "2026-12-03T08:00:00.000Z" });
    expect(last?.kind === "adjustment" ? last.note : "").toBe("Usage corrected after the period was closed: requests +2,000, overage requests +2,000.");
    expect(invoice.lines.filter((l) => l.kind === "adjustment")).toHaveLength(1); // only this customer's
    expect(invoice.subtotalCents).toBe(frozen.amountCents);
    expect(invoice.adjustmentsCents).toBe(40);
    expect(invoice.totalCents).toBe(frozen.amountCents + 40);
    expect(invoice.totalCents).toBe(corrected.amountCents);
  });
});
