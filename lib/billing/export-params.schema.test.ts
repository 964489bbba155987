import { describe, expect, it } from "vitest";
import { calendarMonthOf, exportFileName, parseDailyUsageExportParams } from "@/lib/billing/export-params.schema";

describe("daily-usage export parameters", () => {
  it("default to the current calendar month and refuse bad ranges with a reason", () => {
    const now = new Date("2026-02-14T12:00:00Z");
    expect(parseDailyUsageExportParams({}, now)).toMatchObject({ ok: true, filters: { from: "2026-02-01", to: "2026-02-28", customerId: null } });
    const bad = (p: Record<string, string>) => {
      const parsed = parseDailyUsageExportParams(p, now);
      return parsed.ok ? null : parsed.fieldErrors;
    };
    expect(bad({ from: "2026-03-05", to: "2026-03-01" })).toEqual({ to: ["The end date is before the start date."] });
    expect(bad({ from: "2026-02-30", to: "2026-03-01" })?.from).toBeDefined();
    expect(bad({ from: "2026-03-01" })).toEqual({ to: ["Give both a start and an end date, or neither for this month."] });
    expect(bad({ from: "2024-01-01", to: "2025-12-31" })?.to?.[0]).toMatch(/at most 366 days/);
    expect(bad({ from: "2026-01-01", to: "2026-01-31", customerId: "x'; DROP" })).toEqual({ customerId: ["That is not a customer id."] });
  });
});

describe("export ranges", () => {
  it("know their calendar month and name the file by the range", () => {
    expect(calendarMonthOf(new Date("2028-02-29T23:59:59Z"))).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    expect(calendarMonthOf(new Date("2026-12-01T00:00:00Z"))).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(exportFileName("daily-usage", { from: "2026-12-01", to: "2026-12-31" })).toBe("daily-usage-2026-12-01-to-2026-12-31.csv");
    expect(exportFileName("billing-report", { from: "2026-12-01", to: "2026-12-31" }, "c1")).toBe("billing-report-c1-2026-12-01-to-2026-12-31.csv");
  });
});
