import { describe, expect, it } from "vitest";
import {
  amountFor,
  dayFigures,
  daysInMonth,
  lookbackStart,
  overageCents,
  prorateCents,
  summarizeDays,
  tierOnDay,
  type BillingTier,
  type TierSpan,
} from "@/lib/billing/amounts";

const basic: BillingTier = { id: "basic", name: "Basic", monthlyPriceCents: 0, overageCentsPer1k: 50, quotaLimit: 1000, quotaPeriod: "DAY" };
const premium: BillingTier = { id: "premium", name: "Premium", monthlyPriceCents: 4900, overageCentsPer1k: 20, quotaLimit: 10000, quotaPeriod: "DAY" };
const monthly: BillingTier = { id: "monthly", name: "Monthly", monthlyPriceCents: 3000, overageCentsPer1k: 100, quotaLimit: 10000, quotaPeriod: "MONTH" };
const weekly: BillingTier = { id: "weekly", name: "Weekly", monthlyPriceCents: 1000, overageCentsPer1k: null, quotaLimit: 700, quotaPeriod: "WEEK" };
const enterprise: BillingTier = { id: "enterprise", name: "Enterprise", monthlyPriceCents: 49900, overageCentsPer1k: null, quotaLimit: null, quotaPeriod: null };
const tiers = new Map([basic, premium, monthly, weekly, enterprise].map((t) => [t.id, t]));
const at = (iso: string) => new Date(iso);
const november = { from: "2026-11-01", to: "2026-11-30" };

describe("proration and overage rounding", () => {
  it("knows the days of each month", () => {
    expect([daysInMonth("2026-02-10"), daysInMonth("2028-02-01"), daysInMonth("2026-11-30"), daysInMonth("2026-12-01")]).toEqual([28, 29, 30, 31]);
  });

  it("prorates by days to the nearest cent, half up; a whole month is the price", () => {
    expect(prorateCents(4900, 30, 30)).toBe(4900);
    expect(prorateCents(4900, 16, 30)).toBe(2613); // 2613.33…
    expect(prorateCents(4900, 15, 30)).toBe(2450);
    expect(prorateCents(100, 1, 8)).toBe(13); // 12.5 → 13
    expect(prorateCents(4900, 0, 30)).toBe(0);
    expect(prorateCents(0, 10, 30)).toBe(0);
  });

  it("charges overage per request at the price per 1,000, rounded up to a whole cent", () => {
    expect(overageCents(1000, 50)).toBe(50);
    expect(overageCents(1, 50)).toBe(1); // 0.05 cent → 1
    expect(overageCents(1999, 50)).toBe(100); // 99.95 → 100
    expect(overageCents(2500, 20)).toBe(50);
    expect(overageCents(2501, 20)).toBe(51); // 50.02 → 51
    expect(overageCents(0, 50)).toBe(0);
    expect(overageCents(5000, null)).toBe(0);
    expect(overageCents(3_000_000_000, 99)).toBe(297_000_000); // large counts stay exact integers
  });
});

describe("the tier a day is billed at", () => {
  const spans: TierSpan[] = [
    { tierId: "basic", from: at("2026-11-03T09:00:00Z"), to: at("2026-11-15T10:30:00Z") },
    { tierId: "premium", from: at("2026-11-15T10:30:00Z"), to: at("2026-11-28T18:00:00Z") },
  ];
  it("is the last tier held that day; nothing before sign-up or after deletion", () => {
    expect(tierOnDay(spans, "2026-11-02")).toBeNull();
    expect(tierOnDay(spans, "2026-11-03")).toBe("basic"); // sign-up day is billed
    expect(tierOnDay(spans, "2026-11-14")).toBe("basic");
    expect(tierOnDay(spans, "2026-11-15")).toBe("premium"); // the move's day goes to the new tier
    expect(tierOnDay(spans, "2026-11-28")).toBe("premium"); // the deletion day is billed
    expect(tierOnDay(spans, "2026-11-29")).toBeNull();
  });

  it("looks back to the start of the week and month around the range's first day", () => {
    expect(lookbackStart("2026-11-01")).toBe("2026-10-26"); // a Sunday: its week began Monday 26 October
    expect(lookbackStart("2026-11-18")).toBe("2026-11-01");
    expect(lookbackStart("2026-12-02")).toBe("2026-11-30");
  });
});

describe("proration across a mid-month tier move", () => {
  it("bills 14 days of basic and 16 of premium in November, with overage on each tier at its price", () => {
    const spans: TierSpan[] = [
      { tierId: "basic", from: at("2026-10-01T00:00:00Z"), to: at("2026-11-15T10:30:00Z") },
      { tierId: "premium", from: at("2026-11-15T10:30:00Z"), to: null },
    ];
    const usage = new Map<string, number>([
      ["2026-11-02", 1500], // basic: 500 over
      ["2026-11-14", 1000], // basic: at quota, 0 over
      ["2026-11-15", 12000], // premium from this day: 2000 over
      ["2026-11-20", 50],
    ]);
    const days = dayFigures(november, spans, tiers, usage);
    expect(days).toHaveLength(30);
    const amount = amountFor(days, tiers);
    expect(amount.lines).toEqual([
      { kind: "tier", tierId: "basic", tierName: "Basic", from: "2026-11-01", to: "2026-11-14", days: 14, daysInMonth: 30, monthlyPriceCents: 0, cents: 0 },
      { kind: "tier", tierId: "premium", tierName: "Premium", from: "2026-11-15", to: "2026-11-30", days: 16, daysInMonth: 30, monthlyPriceCents: 4900, cents: 2613 },
      { kind: "overage", tierId: "basic", tierName: "Basic", requests: 500, centsPer1k: 50, cents: 25 },
      { kind: "overage", tierId: "premium", tierName: "Premium", requests: 2000, centsPer1k: 20, cents: 40 },
    ]);
    expect(amount).toMatchObject({ priceCents: 2613, overageCents: 65, totalCents: 2678 });
    expect(summarizeDays(days)).toEqual({ requests: 14550, daysAtQuota: 3, overageRequests: 2500, peakPercent: 150 });
  });

  it("a customer moved away and back in one month pays the rounded price of its total days on each tier", () => {
    const spans: TierSpan[] = [
      { tierId: "premium", from: at("2026-10-01T00:00:00Z"), to: at("2026-11-11T00:00:00Z") },
      { tierId: "enterprise", from: at("2026-11-11T00:00:00Z"), to: at("2026-11-21T00:00:00Z") },
      { tierId: "premium", from: at("2026-11-21T00:00:00Z"), to: null },
    ];
    const amount = amountFor(dayFigures(november, spans, tiers, new Map()), tiers);
    const tierLines = amount.lines.filter((l) => l.kind === "tier");
    expect(tierLines.map((l) => [l.tierId, l.days, l.cents])).toEqual([
      ["premium", 10, 3267], // 20 days of 30 at $49: 3266.67 → 3267, on the month's first premium line
      ["enterprise", 10, 16633], // 10 days of 30 at $499: 16633.33
      ["premium", 10, 0],
    ]);
    expect(amount.totalCents).toBe(3267 + 16633);
  });

  it("a month across a year's end splits by calendar month", () => {
    const spans: TierSpan[] = [{ tierId: "premium", from: at("2026-01-01T00:00:00Z"), to: null }];
    const amount = amountFor(dayFigures({ from: "2026-12-17", to: "2027-01-16" }, spans, tiers, new Map()), tiers);
    expect(amount.lines.map((l) => (l.kind === "tier" ? [l.from, l.to, l.cents] : null))).toEqual([
      ["2026-12-17", "2026-12-31", 2371], // 15/31 × 4900 = 2370.97
      ["2027-01-01", "2027-01-16", 2529], // 16/31 × 4900 = 2529.03
    ]);
  });
});

describe("days at quota and overage per quota period", () => {
  it("DAY quota: each day on its own", () => {
    const spans: TierSpan[] = [{ tierId: "basic", from: at("2026-01-01T00:00:00Z"), to: null }];
    const days = dayFigures({ from: "2026-11-01", to: "2026-11-03" }, spans, tiers, new Map([["2026-11-01", 999], ["2026-11-02", 1000], ["2026-11-03", 1200]]));
    expect(days.map((d) => [d.atQuota, d.overage])).toEqual([[false, 0], [true, 0], [true, 200]]);
  });

  it("MONTH quota: the days from when the cumulative count reached it, overage on the days it happened", () => {
    const spans: TierSpan[] = [{ tierId: "monthly", from: at("2026-01-01T00:00:00Z"), to: null }];
    const usage = new Map<string, number>();
    for (let d = 1; d <= 30; d++) usage.set(`2026-11-${String(d).padStart(2, "0")}`, 500); // 10,000 reached on the 20th
    const days = dayFigures(november, spans, tiers, usage);
    expect(days.filter((d) => d.atQuota).map((d) => d.day)[0]).toBe("2026-11-20");
    expect(summarizeDays(days)).toEqual({ requests: 15000, daysAtQuota: 11, overageRequests: 5000, peakPercent: 150 });
    expect(days.find((d) => d.day === "2026-11-21")?.overage).toBe(500);
    expect(days.find((d) => d.day === "2026-11-20")?.overage).toBe(0);
    // A custom range inside the month counts the month's earlier days toward the quota: only the overage made in it.
    const late = dayFigures({ from: "2026-11-25", to: "2026-11-30" }, spans, tiers, usage);
    expect(summarizeDays(late)).toEqual({ requests: 3000, daysAtQuota: 6, overageRequests: 3000, peakPercent: 150 });
  });

  it("WEEK quota: a week that began before the range counts from its Monday", () => {
    const spans: TierSpan[] = [{ tierId: "weekly", from: at("2026-01-01T00:00:00Z"), to: null }];
    // Monday 26 October to Sunday 1 November: 600 before November, 200 on 1 November → 800 (100 over); Monday 2 November resets.
    const usage = new Map([["2026-10-27", 600], ["2026-11-01", 200], ["2026-11-02", 300]]);
    const days = dayFigures({ from: "2026-11-01", to: "2026-11-02" }, spans, tiers, usage);
    expect(days.map((d) => [d.day, d.cumulative, d.atQuota, d.overage])).toEqual([
      ["2026-11-01", 800, true, 100],
      ["2026-11-02", 300, false, 0],
    ]);
    // No overage price: the overage is counted but costs nothing.
    expect(amountFor(days, tiers).overageCents).toBe(0);
  });

  it("a tier without a quota has no percentage, no days at quota and no overage", () => {
    const spans: TierSpan[] = [{ tierId: "enterprise", from: at("2026-01-01T00:00:00Z"), to: null }];
    const days = dayFigures(november, spans, tiers, new Map([["2026-11-05", 5_000_000]]));
    expect(summarizeDays(days)).toEqual({ requests: 5_000_000, daysAtQuota: 0, overageRequests: 0, peakPercent: null });
    expect(amountFor(days, tiers).totalCents).toBe(49900);
  });

  it("a tier move mid-period starts a new count on the new tier", () => {
    const spans: TierSpan[] = [
      { tierId: "monthly", from: at("2026-01-01T00:00:00Z"), to: at("2026-11-10T12:00:00Z") },
      { tierId: "basic", from: at("2026-11-10T12:00:00Z"), to: null },
    ];
    const days = dayFigures({ from: "2026-11-01", to: "2026-11-11" }, spans, tiers, new Map([["2026-11-05", 9000], ["2026-11-10", 1100], ["2026-11-11", 900]]));
    expect(days.filter((d) => d.overage > 0).map((d) => [d.day, d.tierId, d.overage])).toEqual([["2026-11-10", "basic", 100]]);
  });
});
