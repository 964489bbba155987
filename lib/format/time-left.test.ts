import { describe, expect, it } from "vitest";
import { formatTimeLeft } from "@/lib/format/time-left";

const now = new Date("2026-11-24T12:00:00.000Z");
const later = (ms: number) => new Date(now.getTime() + ms);

describe("time left", () => {
  it("rounds down to the largest whole unit", () => {
    expect(formatTimeLeft(later(24 * 3600_000 - 1000), now)).toBe("23 h");
    expect(formatTimeLeft(later(59 * 60_000 + 59_000), now)).toBe("59 min");
    expect(formatTimeLeft(later(30_000), now)).toBe("under a minute");
    expect(formatTimeLeft(later(7 * 86_400_000 - 1000), now)).toBe("6 days");
    expect(formatTimeLeft(later(47 * 3600_000), now)).toBe("47 h");
    expect(formatTimeLeft(later(-1), now)).toBe("now");
  });
});
