import { describe, expect, it } from "vitest";
import { periodUsed, type StoredUsageDay } from "@/lib/usage/period-usage";

const day = (date: string, used: number, remaining: number | null): StoredUsageDay => ({ date, used, remaining });

describe("periodUsed", () => {
  it("is quota − remaining on the period's latest day, which includes UpdateUsage adjustments", () => {
    const days = [day("2026-11-23", 100, 900), day("2026-11-24", 5, 150)];
    expect(periodUsed(days, 1000, "2026-11-23", "2026-11-24")).toBe(850);
  });

  it("only counts days inside the period", () => {
    const days = [day("2026-11-22", 700, 300), day("2026-11-23", 40, 960), day("2026-11-24", 10, 950)];
    expect(periodUsed(days, 1000, "2026-11-23", "2026-11-24")).toBe(50);
    expect(periodUsed(days, 1000, "2026-11-25", "2026-11-25")).toBe(0);
  });

  it("sums the days when there is no quota or no remaining figure", () => {
    const days = [day("2026-11-23", 40, null), day("2026-11-24", 10, null)];
    expect(periodUsed(days, null, "2026-11-23", "2026-11-24")).toBe(50);
    expect(periodUsed(days, 1000, "2026-11-23", "2026-11-24")).toBe(50);
    expect(periodUsed([], 1000, "2026-11-23", "2026-11-24")).toBe(0);
  });

  it("never goes below zero when remaining was raised above the quota", () => {
    expect(periodUsed([day("2026-11-24", 10, 5000)], 1000, "2026-11-24", "2026-11-24")).toBe(0);
  });
});
