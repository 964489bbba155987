import { describe, expect, it } from "vitest";
import { lastUseLabel, summarizeKeyUsage } from "@/lib/keys/key-usage-summary";

const now = new Date("2026-11-24T12:00:00.000Z");
const tier = { usagePlanId: "plan-basic", quotaLimit: 1000, quotaPeriod: "DAY" as const };

describe("a key's usage on the Keys page", () => {
  it("counts today's requests and finds the last day with use", () => {
    const s = summarizeKeyUsage({
      days: [
        { date: "2026-11-20", usagePlanId: "plan-basic", used: 7, remaining: 993 },
        { date: "2026-11-24", usagePlanId: "plan-basic", used: 5, remaining: 995 },
        { date: "2026-11-24", usagePlanId: "plan-old", used: 2, remaining: null },
      ],
      usagePlanId: "plan-basic",
      tier,
      now,
    });
    expect(s.today).toBe(7);
    expect(s.lastUsedDay).toBe("2026-11-24");
    expect(s.quota).toMatchObject({ limit: 1000, period: "DAY", used: 5, reached: false, resetsAt: new Date("2026-11-25T00:00:00Z") });
  });

  it("says the quota is reached when AWS has nothing left for the key (its share of the pooled quota is spent)", () => {
    const s = summarizeKeyUsage({ days: [{ date: "2026-11-24", usagePlanId: "plan-basic", used: 8, remaining: 0 }], usagePlanId: "plan-basic", tier, now });
    expect(s.quota?.reached).toBe(true);
    expect(s.quota?.used).toBe(8); // its own requests: the rest of the quota went to the customer's other keys
    // Yesterday's exhausted quota does not count today: a daily quota has reset.
    const yesterday = summarizeKeyUsage({ days: [{ date: "2026-11-23", usagePlanId: "plan-basic", used: 1000, remaining: 0 }], usagePlanId: "plan-basic", tier, now });
    expect(yesterday.quota?.reached).toBe(false);
  });

  it("has no quota without one, or while the key is in another plan than its tier's", () => {
    expect(summarizeKeyUsage({ days: [], usagePlanId: "plan-basic", tier: { usagePlanId: "plan-basic", quotaLimit: null, quotaPeriod: null }, now }).quota).toBeNull();
    expect(summarizeKeyUsage({ days: [], usagePlanId: "plan-moving", tier, now }).quota).toBeNull();
  });

  it("labels the last use honestly, by UTC day", () => {
    const old = new Date("2026-09-01T00:00:00Z");
    expect(lastUseLabel({ lastUsedDay: "2026-11-24" }, { now, createdAt: old, synced: true })).toBe("Last used today");
    expect(lastUseLabel({ lastUsedDay: "2026-11-23" }, { now, createdAt: old, synced: true })).toBe("Last used yesterday");
    expect(lastUseLabel({ lastUsedDay: "2026-11-21" }, { now, createdAt: old, synced: true })).toBe("Last used 3 days ago");
    expect(lastUseLabel({ lastUsedDay: null }, { now, createdAt: old, synced: true })).toBe("No use in 30 days");
    expect(lastUseLabel({ lastUsedDay: null }, { now, createdAt: new Date("2026-11-20T00:00:00Z"), synced: true })).toBe("Not used yet");
    expect(lastUseLabel(null, { now, createdAt: old, synced: false })).toBe("No usage figures yet");
  });
});
