import { describe, expect, it } from "vitest";
import { describeParamErrors, exportFileName, parseDailyUsageExportParams, parseReportExportParams } from "@/lib/billing/export-params.schema";

const now = new Date("2028-02-14T12:00:00Z");
const errorsOf = (parsed: { ok: true } | { ok: false; fieldErrors: Record<string, string[]> }) => (parsed.ok ? null : parsed.fieldErrors);

describe("daily-usage export parameters", () => {
  it("default to the current calendar month, take a month or from/to, and an optional customer", () => {
    expect(parseDailyUsageExportParams({}, now)).toEqual({ ok: true, params: { from: "2028-02-01", to: "2028-02-29", customerId: null } });
    expect(parseDailyUsageExportParams({ month: "2027-11" }, now)).toEqual({ ok: true, params: { from: "2027-11-01", to: "2027-11-30", customerId: null } });
    expect(parseDailyUsageExportParams({ from: "2027-01-05", to: "2027-01-07", customerId: "cabc_1-2" }, now)).toEqual({
      ok: true,
      params: { from: "2027-01-05", to: "2027-01-07", customerId: "cabc_1-2" },
    });
  });
  it("refuse bad ranges and ids with a reason per field", () => {
    expect(errorsOf(parseDailyUsageExportParams({ from: "2026-03-05", to: "2026-03-01" }, now))).toEqual({ to: ["To must be on or after From."] });
    expect(errorsOf(parseDailyUsageExportParams({ from: "2026-02-30", to: "2026-03-01" }, now))?.from).toEqual(["From is not a real date."]);
    expect(errorsOf(parseDailyUsageExportParams({ from: "2026-03-01" }, now))).toEqual({ to: ["Give both From and To, or choose a month."] });
    expect(errorsOf(parseDailyUsageExportParams({ from: "2024-01-01", to: "2025-12-31" }, now))?.to?.[0]).toMatch(/at most 366 days/);
    expect(errorsOf(parseDailyUsageExportParams({ customerId: "x'; DROP" }, now))).toEqual({ customerId: ["That is not a customer id."] });
    expect(describeParamErrors({ to: ["To must be on or after From."] })).toBe("The export's parameters are not valid.\nto: To must be on or after From.");
  });
});

describe("report export parameters", () => {
  it("are the report page's range and filters, with an optional totals row", () => {
    expect(parseReportExportParams({ month: "2027-11", tier: "t1", status: "DELETED", q: "acme", quota: "over", sort: "name", totals: "1" }, now)).toEqual({
      ok: true,
      params: { range: { from: "2027-11-01", to: "2027-11-30" }, filters: { tierId: "t1", status: "DELETED", search: "acme", quota: "over" }, totals: true },
    });
    expect(parseReportExportParams({}, now)).toMatchObject({ ok: true, params: { range: { from: "2028-02-01", to: "2028-02-29" }, totals: false } });
    expect(errorsOf(parseReportExportParams({ month: "2027-13" }, now))?.month).toBeDefined();
  });
});

describe("export file names", () => {
  it("name the export and its range", () => {
    expect(exportFileName("daily-usage", { from: "2026-12-01", to: "2026-12-31" })).toBe("daily-usage-2026-12-01-to-2026-12-31.csv");
    expect(exportFileName("daily-usage", { from: "2026-12-01", to: "2026-12-31" }, "c1")).toBe("daily-usage-c1-2026-12-01-to-2026-12-31.csv");
  });
});
