import { describe, expect, it } from "vitest";
import { chartSeries } from "@/lib/usage/chart-series";
import type { KeyUsage } from "@/lib/usage/overview";

const key = (over: Partial<KeyUsage> & Pick<KeyUsage, "id" | "name">): KeyUsage => ({
  lastFour: null,
  status: "ACTIVE",
  rotatedFromId: null,
  today: 0,
  todayByTier: [],
  quotaSince: null,
  daily: [0, 0, 0],
  last30Days: 0,
  period: "DAY",
  resetsAt: null,
  rateLimit: 10,
  burstLimit: 20,
  forecast: null,
  periodUsed: 0,
  quota: 1000,
  remaining: 1000,
  percentUsed: 0,
  ...over,
});

describe("chartSeries", () => {
  it("lists a rotated key once: its lineage's days added up, named by the newest key", () => {
    const series = chartSeries([
      key({ id: "old", name: "prod", lastFour: "1111", daily: [5, 3, 0] }),
      key({ id: "new", name: "prod", lastFour: "2222", rotatedFromId: "old", daily: [0, 2, 7], quota: 10000 }),
      key({ id: "ci", name: "ci", lastFour: "3333", daily: [1, 1, 1] }),
    ]);
    expect(series.map((s) => [s.label, s.values, s.dailyQuota])).toEqual([
      ["prod ••••2222", [5, 5, 7], 10000],
      ["ci ••••3333", [1, 1, 1], 1000],
    ]);
    expect(series[0]?.keyIds).toEqual(["old", "new"]);
  });
  it("follows a chain of rotations, and tells apart two keys with the same name by their last four", () => {
    const series = chartSeries([
      key({ id: "a", name: "prod", lastFour: "aaaa", daily: [1, 0, 0] }),
      key({ id: "b", name: "prod", lastFour: "bbbb", rotatedFromId: "a", daily: [0, 1, 0] }),
      key({ id: "c", name: "prod", lastFour: "cccc", rotatedFromId: "b", daily: [0, 0, 1] }),
      key({ id: "d", name: "prod", lastFour: "dddd", daily: [9, 9, 9], status: "REVOKED", period: null, quota: null }),
    ]);
    expect(series.map((s) => [s.label, s.values])).toEqual([
      ["prod ••••cccc", [1, 1, 1]],
      ["prod ••••dddd (revoked)", [9, 9, 9]],
    ]);
  });
});
