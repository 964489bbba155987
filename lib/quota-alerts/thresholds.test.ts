import { describe, expect, it } from "vitest";
import { crossedThresholds, highestThreshold, isAlertThreshold } from "@/lib/quota-alerts/thresholds";

describe("quota alert thresholds", () => {
  it("reaches 80 at exactly 80% of the quota, not one request before", () => {
    expect(crossedThresholds(799, 1000)).toEqual([]);
    expect(crossedThresholds(800, 1000)).toEqual([80]);
    expect(crossedThresholds(999, 1000)).toEqual([80]);
  });

  it("reaches 100 at the whole quota and stays there beyond it", () => {
    expect(crossedThresholds(1000, 1000)).toEqual([80, 100]);
    expect(crossedThresholds(5000, 1000)).toEqual([80, 100]);
    expect(highestThreshold(1000, 1000)).toBe(100);
    expect(highestThreshold(850, 1000)).toBe(80);
    expect(highestThreshold(10, 1000)).toBeNull();
  });

  it("uses integer arithmetic, so odd quotas are not rounded across a threshold", () => {
    // 80% of 7 is 5.6: 5 is below, 6 is above.
    expect(crossedThresholds(5, 7)).toEqual([]);
    expect(crossedThresholds(6, 7)).toEqual([80]);
    // 80% of 100,000,000 is 80,000,000 exactly; one less is below.
    expect(crossedThresholds(79_999_999, 100_000_000)).toEqual([]);
    expect(crossedThresholds(80_000_000, 100_000_000)).toEqual([80]);
  });

  it("has no thresholds without a quota, with a zero quota, or without usage", () => {
    expect(crossedThresholds(10_000, null)).toEqual([]);
    expect(crossedThresholds(10, 0)).toEqual([]);
    expect(crossedThresholds(0, 1000)).toEqual([]);
    expect(crossedThresholds(Number.NaN, 1000)).toEqual([]);
  });

  it("knows its thresholds", () => {
    expect(isAlertThreshold(80)).toBe(true);
    expect(isAlertThreshold(100)).toBe(true);
    expect(isAlertThreshold(90)).toBe(false);
  });
});

describe("quota period labels", () => {
  it("names a day, a week and a month", async () => {
    const { quotaPeriodLabel } = await import("@/lib/quota-alerts/period-label");
    expect(quotaPeriodLabel("DAY", new Date("2026-12-04T00:00:00Z"))).toBe("4 Dec 2026");
    expect(quotaPeriodLabel("WEEK", new Date("2026-11-30T00:00:00Z"))).toBe("Week of 30 Nov 2026");
    expect(quotaPeriodLabel("MONTH", new Date("2026-12-01T00:00:00Z"))).toBe("Dec 2026");
  });
});
