import { describe, expect, it } from "vitest";
import { forecastQuota, type ForecastInput } from "@/lib/usage/forecast";

const base: ForecastInput = { quota: 1000, period: "DAY", periodUsed: 0, usedToday: 0, recentDays: [], now: new Date("2026-11-24T12:00:00.000Z") };
const forecast = (input: Partial<ForecastInput>) => {
  const f = forecastQuota({ ...base, ...input });
  if (!f) return null;
  return f.kind === "runs_out" ? { kind: f.kind, at: f.at.toISOString(), resetsAt: f.resetsAt.toISOString() } : { kind: f.kind, resetsAt: f.resetsAt.toISOString() };
};
const week = (n: number) => Array.from({ length: 7 }, () => n);

describe("forecastQuota", () => {
  it("is null without a quota", () => {
    expect(forecast({ quota: null, period: null, periodUsed: 5000 })).toBeNull();
    expect(forecast({ quota: 1000, period: null })).toBeNull();
  });

  it("at today's pace alone when the key has no earlier days: 600 by noon reaches 1,000 at 20:00", () => {
    expect(forecast({ periodUsed: 600 })).toEqual({ kind: "runs_out", at: "2026-11-24T20:00:00.000Z", resetsAt: "2026-11-25T00:00:00.000Z" });
  });

  it("a pace that would reach the quota exactly at the reset does not run out before it", () => {
    expect(forecast({ periodUsed: 500 })).toEqual({ kind: "not_before_reset", resetsAt: "2026-11-25T00:00:00.000Z" });
  });

  it("used up (or over, after UpdateUsage) is exhausted until the reset", () => {
    expect(forecast({ periodUsed: 1000 })).toEqual({ kind: "exhausted", resetsAt: "2026-11-25T00:00:00.000Z" });
    expect(forecast({ periodUsed: 1200 })).toEqual({ kind: "exhausted", resetsAt: "2026-11-25T00:00:00.000Z" });
  });

  it("with no traffic at all it is not on track to run out", () => {
    expect(forecast({ periodUsed: 0, recentDays: [] })).toEqual({ kind: "not_before_reset", resetsAt: "2026-11-25T00:00:00.000Z" });
    expect(forecast({ periodUsed: 0, recentDays: week(0) })).toEqual({ kind: "not_before_reset", resetsAt: "2026-11-25T00:00:00.000Z" });
  });

  it("at midnight only the recent days speak: 2,400 a day (100/h) reaches 1,000 at 10:00", () => {
    expect(forecast({ now: new Date("2026-11-24T00:00:00.000Z"), recentDays: week(2400) })).toEqual({
      kind: "runs_out",
      at: "2026-11-24T10:00:00.000Z",
      resetsAt: "2026-11-25T00:00:00.000Z",
    });
  });

  it("blends today's pace and the recent days by how much of today has passed", () => {
    // 18:00: today 900 (50/h) weighs 3/4, recent 480/day (20/h) 1/4 → 42.5/h; 100 left → 2 h 21 min 10.588… s (rounded up to the ms).
    expect(forecast({ now: new Date("2026-11-24T18:00:00.000Z"), periodUsed: 900, recentDays: week(480) })).toEqual({
      kind: "runs_out",
      at: "2026-11-24T20:21:10.589Z",
      resetsAt: "2026-11-25T00:00:00.000Z",
    });
    // 06:00: today 150 (25/h) weighs 1/4, recent 240/day (10/h) 3/4 → 13.75/h; 850 left takes 61.8 h.
    expect(forecast({ now: new Date("2026-11-24T06:00:00.000Z"), periodUsed: 150, recentDays: week(240) })?.kind).toBe("not_before_reset");
  });

  it("counts only the last 7 recent days", () => {
    const busyLongAgo = [1_000_000, ...week(0)];
    expect(forecast({ now: new Date("2026-11-24T00:00:00.000Z"), recentDays: busyLongAgo })?.kind).toBe("not_before_reset");
    expect(forecast({ now: new Date("2026-11-24T00:00:00.000Z"), recentDays: [...week(0), 1_000_000].slice(1) })?.kind).toBe("runs_out");
  });

  it("a WEEK quota uses today's count for the pace and resets on Monday", () => {
    // Sunday 20:00: today 4,000 (200/h) weighs 20/24, recent 1,000/day weighs 4/24 → 173.6/h; 500 left → 2.88 h.
    const sunday = { quota: 10_000, period: "WEEK" as const, now: new Date("2026-11-29T20:00:00.000Z"), usedToday: 4000, recentDays: week(1000) };
    expect(forecast({ ...sunday, periodUsed: 9500 })).toEqual({ kind: "runs_out", at: "2026-11-29T22:52:48.000Z", resetsAt: "2026-11-30T00:00:00.000Z" });
    // 1,000 left would take 5.76 h: past Monday 00:00.
    expect(forecast({ ...sunday, periodUsed: 9000 })).toEqual({ kind: "not_before_reset", resetsAt: "2026-11-30T00:00:00.000Z" });
  });

  it("a MONTH quota on the last day of the month", () => {
    // Jan 31 12:00: today 6,000 (500/h) and recent 4,000/day (166.7/h), half and half → 333.3/h.
    const jan31 = { quota: 100_000, period: "MONTH" as const, now: new Date("2026-01-31T12:00:00.000Z"), usedToday: 6000, recentDays: week(4000) };
    expect(forecast({ ...jan31, periodUsed: 98_000 })).toEqual({ kind: "runs_out", at: "2026-01-31T18:00:00.000Z", resetsAt: "2026-02-01T00:00:00.000Z" });
    expect(forecast({ ...jan31, periodUsed: 95_000 })).toEqual({ kind: "not_before_reset", resetsAt: "2026-02-01T00:00:00.000Z" });
  });

  it("a MONTH quota in a leap February resets on March 1st", () => {
    const feb29 = { quota: 50_000, period: "MONTH" as const, now: new Date("2028-02-29T12:00:00.000Z"), usedToday: 2400, recentDays: [] };
    // Today's pace alone: 200/h; 1,000 left → 5 h.
    expect(forecast({ ...feb29, periodUsed: 49_000 })).toEqual({ kind: "runs_out", at: "2028-02-29T17:00:00.000Z", resetsAt: "2028-03-01T00:00:00.000Z" });
  });
});
