import { describe, expect, it } from "vitest";
import { dayFigures, type BillingTier } from "@/lib/billing/amounts";
import { figuresFromDays } from "@/lib/billing/figures";
import { figuresOfLine, lineColumns } from "@/lib/billing/frozen-line";

const tier: BillingTier = { id: "t", name: "Basic", monthlyPriceCents: 1000, overageCentsPer1k: 50, quotaLimit: 100, quotaPeriod: "DAY" };
const tiers = new Map([[tier.id, tier]]);

describe("a frozen line", () => {
  it("reads back as the figures it froze, request counts stored 64-bit", () => {
    const figures = figuresFromDays(
      { customerId: "c", customerName: "Ada", company: null },
      dayFigures({ from: "2026-11-01", to: "2026-11-30" }, [{ tierId: "t", from: new Date("2026-01-01T00:00:00Z"), to: null }], tiers, new Map([["2026-11-02", 250]])),
      tiers,
    );
    const row = lineColumns(figures);
    expect(row.requests).toBe(250n);
    expect(row.overageRequests).toBe(150n);
    // The JSON columns as the database hands them back: parsed text.
    const stored = { ...row, tierSpans: JSON.parse(JSON.stringify(row.tierSpans)) as unknown, overage: JSON.parse(JSON.stringify(row.overage)) as unknown };
    expect(figuresOfLine(stored)).toEqual(figures);
  });
  it("refuses a malformed stored line instead of showing a wrong invoice", () => {
    const row = { ...lineColumns({ customerId: "c", customerName: "Ada", company: null, tierSpans: [], overage: [], requests: 0, quota: null, overageRequests: 0, tierCents: 0, overageCents: 0, amountCents: 0 }), tierSpans: [{ tierId: "t" }] };
    expect(() => figuresOfLine(row)).toThrow();
  });
});
