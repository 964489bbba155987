import { describe, expect, it } from "vitest";
import { closeRefusal, monthLabel, monthRange, recentMonths, wholeMonth } from "@/lib/billing/months";

describe("billing months", () => {
  it("knows each month's days, leap years included", () => {
    expect(monthRange("2026-11")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(monthRange("2028-02")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    expect(monthRange("2026-12")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(wholeMonth("2026-11-01", "2026-11-30")).toBe("2026-11");
    expect(wholeMonth("2026-11-01", "2026-11-29")).toBeNull();
    expect(monthLabel("2026-11")).toBe("November 2026");
  });
  it("lets only months that have ended be closed, not the running month", () => {
    const now = new Date("2026-12-04T16:00:00Z");
    expect(closeRefusal("2026-11", now)).toBeNull();
    expect(closeRefusal("2026-12", now)).toBe("December 2026 is still running: it can be closed once it has ended, from January 1, 2027.");
    expect(closeRefusal("2027-01", now)).toMatch(/has not started yet/);
    // The last day of a month is still running until midnight UTC.
    expect(closeRefusal("2026-11", new Date("2026-11-30T23:59:59Z"))).toMatch(/still running/);
    expect(closeRefusal("2026-11", new Date("2026-12-01T00:00:00Z"))).toBeNull();
  });
  it("lists the running month and those before it, newest first", () => {
    expect(recentMonths(new Date("2026-02-10T00:00:00Z"), 3)).toEqual(["2026-02", "2026-01", "2025-12"]);
  });
});
