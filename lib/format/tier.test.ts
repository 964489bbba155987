import { describe, expect, it } from "vitest";
import { formatPrice, formatQuota, formatThrottle } from "@/lib/format/tier";

describe("tier wording", () => {
  it("formats quotas, throttles and prices", () => {
    expect(formatQuota(1000, "DAY")).toBe("1,000 requests / day");
    expect(formatQuota(null, null)).toBe("No quota");
    expect(formatThrottle(100, 200)).toBe("100 req/s, bursts of 200");
    expect(formatPrice(0)).toBe("Free");
    expect(formatPrice(4900)).toBe("$49 / month");
    expect(formatPrice(4950)).toBe("$49.50 / month");
  });
});
