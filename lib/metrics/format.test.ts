import { describe, expect, it } from "vitest";
import { formatMs, formatRate, formatRefreshInterval, formatSlot } from "@/lib/metrics/format";

describe("metric wording", () => {
  it("formats milliseconds and missing figures", () => {
    expect(formatMs(null)).toBe("—");
    expect(formatMs(4.26)).toBe("4.3 ms");
    expect(formatMs(212.6)).toBe("213 ms");
    expect(formatMs(1250)).toBe("1.25 s");
  });

  it("formats rates without claiming 0% or 100% for small or large fractions", () => {
    expect(formatRate(null)).toBe("—");
    expect(formatRate(0)).toBe("0%");
    expect(formatRate(0.4213)).toBe("0.42%");
    expect(formatRate(12.345)).toBe("12.3%");
    expect(formatRate(100)).toBe("100%");
  });

  it("labels period starts in UTC, as short as the period allows", () => {
    const t = Date.UTC(2026, 11, 3, 14, 5) / 1000;
    expect(formatSlot(t, 60)).toBe("14:05");
    expect(formatSlot(t, 3600)).toBe("Dec 3 14:05");
    expect(formatSlot(Date.UTC(2026, 11, 3) / 1000, 21600)).toBe("Dec 3");
    expect(formatSlot(t, 60, true)).toBe("Dec 3, 14:05 UTC");
  });

  it("says how often a cached view is refreshed", () => {
    expect([60, 30, 1, 300].map(formatRefreshInterval)).toEqual(["a minute", "30 seconds", "a second", "5 minutes"]);
  });
});
