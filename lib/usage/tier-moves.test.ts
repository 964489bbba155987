import { describe, expect, it } from "vitest";
import { quotaSinceSentence, todaySplit } from "@/lib/format/tier-move";
import { buildUsageOverview, type OverviewInput, type TierLimits } from "@/lib/usage/overview";
import { addShares, quotaCountsFrom, sharesOnDay, type TierMove } from "@/lib/usage/tier-moves";

const premium: TierLimits = { rateLimit: 100, burstLimit: 200, quotaLimit: 10000, quotaPeriod: "DAY" };
const now = new Date("2026-12-03T11:00:00.000Z");
const move: TierMove = { at: new Date("2026-12-03T10:42:10.000Z"), fromPlanId: "plan-basic", toPlanId: "plan-premium", fromTier: "Basic", toTier: "Premium" };
const tierOf = (id: string) => ({ "plan-basic": "Basic", "plan-premium": "Premium" })[id] ?? "a previous plan";

describe("a day split by a tier move", () => {
  const days = [
    { usagePlanId: "plan-basic", date: "2026-12-03", used: 3, remaining: 997 },
    { usagePlanId: "plan-premium", date: "2026-12-03", used: 1, remaining: 9999 },
    { usagePlanId: "plan-basic", date: "2026-12-02", used: 50, remaining: 950 },
  ];
  it("gives the requests per plan, the plan left first, the current plan last, adding up to the day", () => {
    const shares = sharesOnDay(days, "2026-12-03", "plan-premium", tierOf, [move]);
    expect(shares).toEqual([
      { usagePlanId: "plan-basic", tier: "Basic", used: 3, current: false },
      { usagePlanId: "plan-premium", tier: "Premium", used: 1, current: true },
    ]);
    expect(shares.reduce((n, s) => n + s.used, 0)).toBe(4);
    expect(todaySplit(shares, move)).toBe("3 on Basic before you moved to Premium at 10:42 UTC, 1 on Premium");
  });
  it("shows the current plan at 0 before the new plan's first request, and nothing to explain without a move", () => {
    expect(sharesOnDay(days.slice(0, 1), "2026-12-03", "plan-premium", tierOf, [move]).at(-1)).toEqual({ usagePlanId: "plan-premium", tier: "Premium", used: 0, current: true });
    const unmoved = sharesOnDay([{ usagePlanId: "plan-basic", date: "2026-12-03", used: 9, remaining: 991 }], "2026-12-03", "plan-basic", tierOf, []);
    expect(unmoved).toEqual([{ usagePlanId: "plan-basic", tier: "Basic", used: 9, current: true }]);
    expect(todaySplit(unmoved, null)).toBeNull();
  });
  it("adds several keys' shares per plan", () => {
    const a = sharesOnDay(days, "2026-12-03", "plan-premium", tierOf, [move]);
    const b = sharesOnDay([{ usagePlanId: "plan-basic", date: "2026-12-03", used: 2, remaining: 998 }], "2026-12-03", "plan-premium", tierOf, [move]);
    expect(addShares([a, b]).map((s) => [s.tier, s.used, s.current])).toEqual([
      ["Basic", 5, false],
      ["Premium", 1, true],
    ]);
  });
  it("counts the quota from the move into the current plan, for keys that existed then, inside the quota window", () => {
    const dayStart = new Date("2026-12-03T00:00:00Z");
    expect(quotaCountsFrom([move], "plan-premium", dayStart, new Date("2026-11-01T00:00:00Z"))).toBe(move);
    expect(quotaCountsFrom([move], "plan-premium", dayStart, new Date("2026-12-03T10:50:00Z"))).toBeNull(); // created on Premium
    expect(quotaCountsFrom([move], "plan-premium", new Date("2026-12-04T00:00:00Z"), new Date("2026-11-01T00:00:00Z"))).toBeNull(); // a new period
    expect(quotaSinceSentence(move, now)).toBe("Your Premium quota counts from the move at 10:42 UTC today");
  });
});

describe("the usage overview across a tier move", () => {
  const input: OverviewInput = {
    now,
    syncedAt: now,
    tier: { name: "Premium", ...premium },
    keys: [{ id: "k1", name: "prod", lastFour: "abcd", status: "ACTIVE", createdAt: new Date("2026-11-01T00:00:00Z"), usagePlanId: "plan-premium", limits: premium }],
    days: [
      { apiKeyId: "k1", usagePlanId: "plan-basic", date: "2026-12-03", used: 3, remaining: 997 },
      { apiKeyId: "k1", usagePlanId: "plan-premium", date: "2026-12-03", used: 1, remaining: 9999 },
    ],
    plans: [
      { usagePlanId: "plan-basic", tier: "Basic" },
      { usagePlanId: "plan-premium", tier: "Premium" },
    ],
    moves: [move],
  };
  it("agrees with itself: today is both plans, the quota is the new plan's since the move, and the page knows why", () => {
    const o = buildUsageOverview(input);
    const [k] = o.keys;
    expect(k).toMatchObject({ today: 4, periodUsed: 1, quota: 10000, remaining: 9999 });
    expect(k?.todayByTier.map((s) => [s.tier, s.used])).toEqual([
      ["Basic", 3],
      ["Premium", 1],
    ]);
    expect(k?.quotaSince).toBe(move);
    expect(o.total.today).toBe(4);
    expect(o.total.todayByTier.reduce((n, s) => n + s.used, 0)).toBe(o.total.today);
    expect(o.tierMove).toBe(move);
    expect(o.days.at(-1)).toBe("2026-12-03");
    expect(k?.daily.at(-1)).toBe(4);
  });
  it("before the first request on the new plan: 3 today, 0 against the new quota", () => {
    const o = buildUsageOverview({ ...input, days: input.days.slice(0, 1) });
    expect(o.keys[0]).toMatchObject({ today: 3, periodUsed: 0, remaining: 10000 });
    expect(todaySplit(o.total.todayByTier, o.tierMove)).toBe("3 on Basic before you moved to Premium at 10:42 UTC, 0 on Premium");
  });
  it("says nothing about a move from an earlier day once a daily quota has reset", () => {
    const yesterday = { ...move, at: new Date("2026-12-02T15:00:00Z") };
    const o = buildUsageOverview({ ...input, moves: [yesterday], days: [{ apiKeyId: "k1", usagePlanId: "plan-premium", date: "2026-12-03", used: 5, remaining: 9995 }] });
    expect(o.tierMove).toBeNull();
    expect(o.keys[0]?.quotaSince).toBeNull();
    expect(todaySplit(o.keys[0]?.todayByTier ?? [], null)).toBeNull();
  });
});
