import { describe, expect, it } from "vitest";
import { buildUsageOverview, type OverviewInput, type TierLimits } from "@/lib/usage/overview";

const basic: TierLimits = { rateLimit: 10, burstLimit: 20, quotaLimit: 1000, quotaPeriod: "DAY" };
const enterprise: TierLimits = { rateLimit: 1000, burstLimit: 2000, quotaLimit: null, quotaPeriod: null };
const now = new Date("2026-11-24T12:00:00.000Z");

function input(overrides: Partial<OverviewInput> = {}): OverviewInput {
  return {
    now,
    syncedAt: new Date("2026-11-24T11:59:20.000Z"),
    tier: { name: "Basic", ...basic },
    keys: [
      { id: "k1", name: "prod", lastFour: "abcd", status: "ACTIVE", createdAt: new Date("2026-11-01T00:00:00Z"), usagePlanId: "plan-basic", limits: basic },
      { id: "k2", name: "ci", lastFour: "efgh", status: "ACTIVE", createdAt: new Date("2026-11-24T08:00:00Z"), usagePlanId: "plan-basic", limits: basic },
    ],
    days: [
      { apiKeyId: "k1", usagePlanId: "plan-basic", date: "2026-10-25", used: 999, remaining: 1 }, // before the 30-day window
      { apiKeyId: "k1", usagePlanId: "plan-basic", date: "2026-10-26", used: 7, remaining: 993 }, // first day of the window
      { apiKeyId: "k1", usagePlanId: "plan-basic", date: "2026-11-23", used: 300, remaining: 700 },
      { apiKeyId: "k1", usagePlanId: "plan-basic", date: "2026-11-24", used: 850, remaining: 150 },
      { apiKeyId: "k2", usagePlanId: "plan-basic", date: "2026-11-24", used: 30, remaining: 970 },
    ],
    ...overrides,
  };
}

describe("buildUsageOverview", () => {
  it("gives each key today, this period against its quota, a zero-filled 30-day series and a forecast", () => {
    const o = buildUsageOverview(input());
    expect(o.days).toHaveLength(30);
    expect(o.days[0]).toBe("2026-10-26");
    expect(o.days.at(-1)).toBe("2026-11-24");
    const [prod, ci] = o.keys;
    expect(prod).toMatchObject({ id: "k1", today: 850, periodUsed: 850, quota: 1000, remaining: 150, percentUsed: 85, period: "DAY", rateLimit: 10, burstLimit: 20 });
    expect(prod?.resetsAt?.toISOString()).toBe("2026-11-25T00:00:00.000Z");
    expect(prod?.daily[0]).toBe(7);
    expect(prod?.daily.at(-2)).toBe(300);
    expect(prod?.daily.at(-1)).toBe(850);
    expect(prod?.daily.filter((n) => n === 0)).toHaveLength(27);
    expect(prod?.last30Days).toBe(1157);
    // 850 by noon is 70.8/h today, and 300 a day (+ zeros) before: runs out before midnight.
    expect(prod?.forecast?.kind).toBe("runs_out");
    expect(ci).toMatchObject({ today: 30, periodUsed: 30, remaining: 970, percentUsed: 3 });
  });

  it("totals the keys; the quota in total is the sum of the keys' own quotas", () => {
    const o = buildUsageOverview(input());
    expect(o.total).toMatchObject({ today: 880, periodUsed: 880, quota: 2000, remaining: 1120, percentUsed: 44, last30Days: 1187 });
    expect(o.total.daily.at(-1)).toBe(880);
    expect(o.limitingKeyId).toBe("k1");
    expect(o.forecast).toMatchObject({ keyId: "k1", keyName: "prod", forecast: { kind: "runs_out" } });
    expect(o.period).toEqual({ period: "DAY", start: new Date("2026-11-24T00:00:00.000Z"), resetsAt: new Date("2026-11-25T00:00:00.000Z") });
  });

  it("only counts the days a key existed as its recent days (a key created today has none)", () => {
    const o = buildUsageOverview(input({ now: new Date("2026-11-24T00:00:00.000Z") }));
    // At midnight a new key's forecast has only today's pace, and nothing used yet today.
    expect(o.keys[1]?.forecast?.kind).toBe("not_before_reset");
  });

  it("has no quota figures on a tier without a quota", () => {
    const o = buildUsageOverview(
      input({ tier: { name: "Enterprise", ...enterprise }, keys: input().keys.map((k) => ({ ...k, limits: enterprise })) }),
    );
    expect(o.period).toBeNull();
    expect(o.keys[0]).toMatchObject({ today: 850, periodUsed: null, quota: null, remaining: null, percentUsed: null, forecast: null, resetsAt: null });
    expect(o.total).toMatchObject({ today: 880, quota: null, percentUsed: null });
    expect(o.limitingKeyId).toBeNull();
    expect(o.forecast).toBeNull();
  });

  it("keeps revoked keys' history in the totals and the chart, but not in quotas or banners", () => {
    const keys = [...input().keys];
    keys[0] = { ...keys[0]!, status: "REVOKED" };
    const o = buildUsageOverview(input({ keys }));
    expect(o.keys.map((k) => [k.id, k.status])).toEqual([["k2", "ACTIVE"], ["k1", "REVOKED"]]);
    expect(o.keys[1]).toMatchObject({ today: 850, quota: null, forecast: null });
    expect(o.total).toMatchObject({ today: 880, periodUsed: 30, quota: 1000 });
    expect(o.limitingKeyId).toBe("k2");
  });

  it("is all zeros before the first refresh", () => {
    const o = buildUsageOverview(input({ syncedAt: null, days: [] }));
    expect(o.syncedAt).toBeNull();
    expect(o.total).toMatchObject({ today: 0, periodUsed: 0, remaining: 2000, percentUsed: 0, last30Days: 0 });
    expect(o.keys[0]?.forecast?.kind).toBe("not_before_reset");
    expect(o.forecast).toMatchObject({ keyId: "k1", forecast: { kind: "not_before_reset" } });
  });

  it("headlines a used-up key before one that is merely running out", () => {
    const days = [...input().days, { apiKeyId: "k2", usagePlanId: "plan-basic", date: "2026-11-24", used: 1000, remaining: 0 }].filter((d) => !(d.apiKeyId === "k2" && d.used === 30));
    const o = buildUsageOverview(input({ days }));
    expect(o.forecast).toMatchObject({ keyId: "k2", keyName: "ci", forecast: { kind: "exhausted" } });
    expect(o.limitingKeyId).toBe("k2");
  });

  it("adds up a day split between two plans by a tier move, but counts only the current plan against its quota", () => {
    const premium: TierLimits = { rateLimit: 50, burstLimit: 100, quotaLimit: 50_000, quotaPeriod: "MONTH" };
    const keys = [{ ...input().keys[0]!, usagePlanId: "plan-premium", limits: premium }];
    const days = [
      { apiKeyId: "k1", usagePlanId: "plan-basic", date: "2026-11-23", used: 300, remaining: 700 },
      { apiKeyId: "k1", usagePlanId: "plan-basic", date: "2026-11-24", used: 600, remaining: 400 }, // before the move
      { apiKeyId: "k1", usagePlanId: "plan-premium", date: "2026-11-24", used: 250, remaining: 49_750 }, // after it
    ];
    const o = buildUsageOverview(input({ keys, days }));
    expect(o.keys[0]).toMatchObject({ today: 850, periodUsed: 250, quota: 50_000, remaining: 49_750, period: "MONTH" });
    expect(o.keys[0]?.daily.slice(-2)).toEqual([300, 850]);
    expect(o.total).toMatchObject({ today: 850, last30Days: 1150 });
  });
});
