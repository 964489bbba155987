import { describe, expect, it } from "vitest";
import { forecastSentence, formatAge, formatDuration, formatPercent, formatUtcMoment } from "@/lib/format/usage";

const now = new Date("2026-11-24T12:00:00.000Z");

describe("usage wording", () => {
  it("says how old the figures are", () => {
    expect(formatAge(0)).toBe("just now");
    expect(formatAge(40_400)).toBe("40 s ago");
    expect(formatAge(3 * 60_000 + 59_000)).toBe("3 min ago");
    expect(formatAge(2 * 3600_000)).toBe("2 h ago");
    expect(formatAge(3 * 86_400_000)).toBe("3 days ago");
  });

  it("rounds percentages down and caps them at 100%", () => {
    expect(formatPercent(79.99)).toBe("79%");
    expect(formatPercent(99.95)).toBe("99%");
    expect(formatPercent(130)).toBe("100%");
  });

  it("names durations and UTC moments", () => {
    expect(formatDuration(5 * 3600_000 + 12 * 60_000 + 59_000)).toBe("5 h 12 min");
    expect(formatDuration(30_000)).toBe("under a minute");
    expect(formatDuration(86_400_000 + 4 * 3600_000)).toBe("1 day 4 h");
    expect(formatUtcMoment(new Date("2026-11-25T00:00:00Z"), now)).toBe("00:00 UTC tomorrow");
    expect(formatUtcMoment(new Date("2026-11-30T00:00:00Z"), now)).toBe("00:00 UTC on Mon 30 Nov");
  });

  it("puts the forecast in a sentence, rounded down to 5 minutes", () => {
    const resetsAt = new Date("2026-11-25T00:00:00Z");
    expect(forecastSentence({ kind: "runs_out", at: new Date("2026-11-24T18:44:59Z"), resetsAt }, now)).toBe(
      "At the current rate you will reach your quota around 18:40 UTC today.",
    );
    expect(forecastSentence({ kind: "not_before_reset", resetsAt }, now)).toBe(
      "You are not on track to reach your quota before it resets at 00:00 UTC tomorrow.",
    );
    expect(forecastSentence({ kind: "runs_out", at: new Date("2026-11-24T18:44:59Z"), resetsAt }, now, "prod")).toBe(
      "At the current rate key “prod” will reach its quota around 18:40 UTC today.",
    );
    expect(forecastSentence({ kind: "exhausted", resetsAt }, now)).toBe("You have used the whole quota: requests get 429 until it resets at 00:00 UTC tomorrow.");
  });
});
