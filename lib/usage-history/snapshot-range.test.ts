import { describe, expect, it } from "vitest";
import { chunkEnd, chunksOf, daysInRange, earliestSnapshotDay } from "@/lib/usage-history/snapshot-range";

describe("snapshot ranges", () => {
  it("counts both ends of a range", () => {
    expect(daysInRange("2026-12-01", "2026-12-01")).toBe(1);
    expect(daysInRange("2026-11-01", "2026-12-31")).toBe(61);
    expect(daysInRange("2024-02-28", "2024-03-01")).toBe(3);
  });

  it("splits a range into GetUsage chunks of at most 90 days, without gaps or overlaps", () => {
    expect(chunksOf("2026-12-01", "2026-12-31")).toEqual([{ start: "2026-12-01", end: "2026-12-31" }]);
    const chunks = chunksOf("2026-01-01", "2026-12-31");
    expect(chunks.map((c) => daysInRange(c.start, c.end))).toEqual([90, 90, 90, 90, 5]);
    for (let i = 1; i < chunks.length; i++) expect(daysInRange(chunks[i - 1]!.end, chunks[i]!.start)).toBe(2);
    expect(chunks.at(-1)?.end).toBe("2026-12-31");
    expect(chunkEnd("2026-01-01", "2026-03-31")).toBe("2026-03-31"); // exactly 90 days: one call
    expect(chunksOf("2026-01-01", "2026-04-01")).toHaveLength(2); // 91 days: two
  });

  it("puts the earliest snapshot day lookback-1 days before today", () => {
    expect(earliestSnapshotDay("2026-12-04", 90)).toBe("2026-09-06");
    expect(daysInRange(earliestSnapshotDay("2026-12-04", 90), "2026-12-04")).toBe(90);
  });
});
