import { describe, expect, it } from "vitest";
import { methodQueries, overviewQueries, shapeMethods, shapeOverview, type SeriesData } from "@/lib/metrics/overview-series";
import { RANGES, rangeSchema, windowFor } from "@/lib/metrics/ranges";

const NOW = Date.UTC(2026, 11, 3, 14, 5, 30);

describe("ranges", () => {
  it("ends each window at the end of the current period and spans exactly the range", () => {
    for (const range of Object.values(RANGES)) {
      const w = windowFor(range, NOW);
      expect(w.end - w.start).toBe(range.seconds);
      expect(w.start % range.period).toBe(0);
      expect(w.end).toBeGreaterThan(NOW / 1000);
      expect(w.end - range.period).toBeLessThanOrEqual(NOW / 1000);
      expect(w.slots).toHaveLength(range.seconds / range.period);
      expect(w.slots.length).toBeLessThanOrEqual(288); // readable, and one GetMetricData page for every series
      expect(range.period % 60).toBe(0);
    }
    expect(windowFor(RANGES["1h"], NOW).slots.at(-1)).toBe(Date.UTC(2026, 11, 3, 14, 5) / 1000);
  });

  it("falls back to 24 h for an unknown range", () => {
    expect(rangeSchema.parse("90d")).toBe("24h");
    expect(rangeSchema.parse("7d")).toBe("7d");
  });
});

describe("overview queries and shaping", () => {
  const w = windowFor(RANGES["1h"], NOW);
  const [s0, s1, s2] = w.slots as [number, number, number];

  it("asks for every series and the whole-range figures in one batch with ApiName and Stage", () => {
    const queries = overviewQueries("shop", "prod", w);
    expect(queries).toHaveLength(15);
    expect(new Set(queries.map((q) => q.Id)).size).toBe(15);
    for (const q of queries) {
      expect(q.Id).toMatch(/^[a-z][A-Za-z0-9_]*$/);
      expect(q.MetricStat.Metric).toMatchObject({ Namespace: "AWS/ApiGateway", Dimensions: [{ Name: "ApiName", Value: "shop" }, { Name: "Stage", Value: "prod" }] });
    }
    expect(queries.find((q) => q.Id === "latP99")?.MetricStat).toMatchObject({ Period: 60, Stat: "p99" });
    expect(queries.find((q) => q.Id === "tLatP99")?.MetricStat).toMatchObject({ Period: 3600, Stat: "p99" });
  });

  it("fills periods without data (counts 0, latencies null) and computes rates and the hit ratio", () => {
    const answers = new Map<string, SeriesData>([
      ["count", { timestamps: [s2, s0], values: [50, 200] }], // newest first, as CloudWatch answers by default
      ["e4", { timestamps: [s0, s2], values: [10, 0] }],
      ["e5", { timestamps: [s0], values: [2] }],
      ["latAvg", { timestamps: [s0, s2], values: [120, 80] }],
      ["hits", { timestamps: [s0], values: [30] }],
      ["misses", { timestamps: [s0], values: [10] }],
      ["tLatP99", { timestamps: [w.start], values: [480] }],
    ]);
    const { points, summary } = shapeOverview(answers, w);
    expect(points).toHaveLength(60);
    expect(points[0]).toMatchObject({ t: s0, requests: 200, errors4xx: 10, errors5xx: 2, rate4xx: 5, rate5xx: 1, latencyAvg: 120, hitRatio: 75 });
    expect(points[1]).toMatchObject({ t: s1, requests: 0, rate4xx: null, latencyAvg: null, hitRatio: null });
    expect(points[2]).toMatchObject({ requests: 50, rate4xx: 0, latencyAvg: 80 });
    expect(summary).toMatchObject({ requests: 250, errors4xx: 10, errors5xx: 2, rate4xx: 4, rate5xx: 0.8, cacheHits: 30, cacheMisses: 10, hitRatio: 75, latencyP99: 480, latencyAvg: null });
  });

  it("reports an empty range as zero requests and no rates", () => {
    const { summary } = shapeOverview(new Map(), w);
    expect(summary).toMatchObject({ requests: 0, rate4xx: null, rate5xx: null, hitRatio: null, latencyAvg: null });
  });
});

describe("per-method queries and shaping", () => {
  const w = windowFor(RANGES["24h"], NOW);
  const methods = [
    { resource: "/data", method: "GET" },
    { resource: "/pets/{id}", method: "GET" },
  ];

  it("uses the four detailed-metrics dimensions and safe ids", () => {
    const queries = methodQueries("shop", "prod", methods, w);
    expect(queries).toHaveLength(16);
    expect(queries[0]?.MetricStat.Metric.Dimensions).toEqual([
      { Name: "ApiName", Value: "shop" },
      { Name: "Method", Value: "GET" },
      { Name: "Resource", Value: "/data" },
      { Name: "Stage", Value: "prod" },
    ]);
    expect(queries.map((q) => q.Id)).toContain("m1c");
    expect(queries.map((q) => q.Id)).toContain("s1");
  });

  it("totals each method and builds one chart series per method", () => {
    const [t0] = w.slots as [number];
    const answers = new Map<string, SeriesData>([
      ["m0c", { timestamps: [w.start], values: [40] }],
      ["m0x", { timestamps: [w.start], values: [4] }],
      ["m0h", { timestamps: [w.start], values: [30] }],
      ["m0m", { timestamps: [w.start], values: [10] }],
      ["m0p", { timestamps: [w.start], values: [350] }],
      ["s0", { timestamps: [t0], values: [40] }],
    ]);
    const { rows, points } = shapeMethods(answers, methods, w);
    expect(rows[0]).toMatchObject({ resource: "/data", requests: 40, errors5xx: 4, rate5xx: 10, hitRatio: 75, latencyP99: 350 });
    expect(rows[1]).toMatchObject({ resource: "/pets/{id}", requests: 0, rate5xx: null, latencyP99: null });
    expect(points[0]).toEqual({ t: t0, s0: 40, s1: 0 });
    expect(points).toHaveLength(288);
  });
});
