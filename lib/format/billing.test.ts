import { describe, expect, it } from "vitest";
import { formatAmount, formatDayRange, formatMonth, formatOveragePrice, formatShare } from "@/lib/format/billing";

describe("billing wording", () => {
  it("names a whole month by its name and other ranges by their days", () => {
    expect(formatDayRange("2025-03-01", "2025-03-31")).toBe("March 2025");
    expect(formatDayRange("2024-02-01", "2024-02-29")).toBe("February 2024");
    expect(formatDayRange("2025-03-03", "2025-04-09")).toBe("3 Mar – 9 Apr 2025");
    expect(formatDayRange("2024-12-17", "2025-01-16")).toBe("17 Dec 2024 – 16 Jan 2025");
    expect(formatDayRange("2025-03-05", "2025-03-05")).toBe("5 Mar 2025");
    expect(formatMonth("2026-11")).toBe("November 2026");
  });
  it("shows shares over 100% and amounts with cents", () => {
    expect([formatShare(120.4), formatShare(99.9), formatShare(null)]).toEqual(["120%", "99%", "—"]);
    expect([formatAmount(3319), formatAmount(0), formatAmount(49900), formatAmount(123456)]).toEqual(["$33.19", "$0.00", "$499.00", "$1,234.56"]);
    expect([formatOveragePrice(50), formatOveragePrice(120), formatOveragePrice(null)]).toEqual(["50¢ per 1,000 requests", "$1.20 per 1,000 requests", "no overage charge"]);
  });
});
