import { describe, expect, it } from "vitest";
import { latestRemaining, periodUsed, type StoredUsageDay } from "@/lib/usage/period-usage";

const day = (date: string, used: number, remaining: number | null): StoredUsageDay => ({ date, used, remaining });

describe("periodUsed", () => {
  it("sums the key's requests in the period; AWS's remaining (the key's share of the pool) does not change it", () => {
    const days = [day("2026-11-23", 100, 900), day("2026-11-24", 5, 150)];
    expect(periodUsed(days, 1000, "2026-11-23", "2026-11-24")).toBe(105);
  });

  it("only counts days inside the period", () => {
    const days = [day("2026-11-22", 700, 300), day("2026-11-23", 40, 960), day("2026-11-24", 10, 950)];
    expect(periodUsed(days, 1000, "2026-11-23", "2026-11-24")).toBe(50);
    expect(periodUsed(days, 1000, "2026-11-25", "2026-11-25")).toBe(0);
    expect(periodUsed([], 1000, "2026-11-23", "2026-11-24")).toBe(0);
  });
});

describe("latestRemaining", () => {
  it("is AWS's figure on the period's latest day that has one", () => {
    const days = [day("2026-11-22", 1, 7), day("2026-11-23", 40, 150), day("2026-11-24", 10, null)];
    expect(latestRemaining(days, "2026-11-23", "2026-11-24")).toBe(150);
    expect(latestRemaining(days, "2026-11-24", "2026-11-24")).toBeNull();
  });
});
