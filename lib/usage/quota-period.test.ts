import { describe, expect, it } from "vitest";
import { DAY_MS as LOCAL_DAY_MS, periodStart } from "@/local-aws/usage-ledger";
import { quotaPeriodAt, type QuotaPeriod } from "@/lib/usage/quota-period";

const at = (iso: string) => new Date(iso);
const window = (period: QuotaPeriod, iso: string) => {
  const w = quotaPeriodAt(period, at(iso));
  return { start: w.start.toISOString(), end: w.end.toISOString() };
};

describe("quotaPeriodAt", () => {
  it("DAY runs from midnight to midnight UTC", () => {
    expect(window("DAY", "2026-11-24T13:45:10.123Z")).toEqual({ start: "2026-11-24T00:00:00.000Z", end: "2026-11-25T00:00:00.000Z" });
    expect(window("DAY", "2026-11-24T00:00:00.000Z")).toEqual({ start: "2026-11-24T00:00:00.000Z", end: "2026-11-25T00:00:00.000Z" });
    expect(window("DAY", "2026-12-31T23:59:59.999Z")).toEqual({ start: "2026-12-31T00:00:00.000Z", end: "2027-01-01T00:00:00.000Z" });
    expect(window("DAY", "2028-02-28T12:00:00.000Z").end).toBe("2028-02-29T00:00:00.000Z");
  });

  it("ignores the server's time zone: a time just after midnight UTC is in the new day", () => {
    // 2026-11-24T00:30Z is still the 23rd in America; the UTC day is what counts.
    expect(window("DAY", "2026-11-24T00:30:00.000Z").start).toBe("2026-11-24T00:00:00.000Z");
    expect(window("MONTH", "2026-12-01T00:00:00.000Z").start).toBe("2026-12-01T00:00:00.000Z");
  });

  it("WEEK runs Monday 00:00 UTC to the next Monday", () => {
    const week = { start: "2026-11-23T00:00:00.000Z", end: "2026-11-30T00:00:00.000Z" };
    expect(window("WEEK", "2026-11-23T00:00:00.000Z")).toEqual(week); // Monday, first instant
    expect(window("WEEK", "2026-11-24T09:00:00.000Z")).toEqual(week); // Tuesday
    expect(window("WEEK", "2026-11-29T23:59:59.999Z")).toEqual(week); // Sunday, last instant
    expect(window("WEEK", "2026-11-30T00:00:00.000Z").start).toBe("2026-11-30T00:00:00.000Z"); // next Monday
  });

  it("WEEK spans month and year ends", () => {
    expect(window("WEEK", "2026-12-31T10:00:00.000Z")).toEqual({ start: "2026-12-28T00:00:00.000Z", end: "2027-01-04T00:00:00.000Z" });
    expect(window("WEEK", "2027-01-03T10:00:00.000Z")).toEqual({ start: "2026-12-28T00:00:00.000Z", end: "2027-01-04T00:00:00.000Z" });
    expect(window("WEEK", "2028-02-29T10:00:00.000Z")).toEqual({ start: "2028-02-28T00:00:00.000Z", end: "2028-03-06T00:00:00.000Z" });
  });

  it("MONTH runs from the 1st to the 1st, through month ends and leap years", () => {
    expect(window("MONTH", "2026-01-31T23:59:59.999Z")).toEqual({ start: "2026-01-01T00:00:00.000Z", end: "2026-02-01T00:00:00.000Z" });
    expect(window("MONTH", "2027-02-28T12:00:00.000Z")).toEqual({ start: "2027-02-01T00:00:00.000Z", end: "2027-03-01T00:00:00.000Z" });
    expect(window("MONTH", "2028-02-29T12:00:00.000Z")).toEqual({ start: "2028-02-01T00:00:00.000Z", end: "2028-03-01T00:00:00.000Z" });
    expect(window("MONTH", "2026-12-15T08:00:00.000Z")).toEqual({ start: "2026-12-01T00:00:00.000Z", end: "2027-01-01T00:00:00.000Z" });
    expect(window("MONTH", "2026-04-30T08:00:00.000Z").end).toBe("2026-05-01T00:00:00.000Z");
  });

  it("starts every period on the same day local AWS counts the quota from (three years of days)", () => {
    const first = Date.UTC(2026, 0, 1) / LOCAL_DAY_MS;
    for (let day = first; day < first + 3 * 366; day++) {
      const noon = new Date(day * LOCAL_DAY_MS + 12 * 3600_000);
      for (const period of ["DAY", "WEEK", "MONTH"] as const) {
        expect(quotaPeriodAt(period, noon).start.getTime(), `${period} ${noon.toISOString()}`).toBe(periodStart(day, period) * LOCAL_DAY_MS);
      }
    }
  });

  it("resets at the next day, Monday or first of the month at midnight UTC (what the try-it console tells a 429)", () => {
    const wednesday = new Date("2026-11-18T15:30:00Z");
    const reset = (period: QuotaPeriod, now: Date) => quotaPeriodAt(period, now).end.toISOString();
    expect(reset("DAY", wednesday)).toBe("2026-11-19T00:00:00.000Z");
    expect(reset("WEEK", wednesday)).toBe("2026-11-23T00:00:00.000Z");
    expect(reset("WEEK", new Date("2026-11-23T00:00:00Z"))).toBe("2026-11-30T00:00:00.000Z");
    expect(reset("MONTH", wednesday)).toBe("2026-12-01T00:00:00.000Z");
    expect(reset("MONTH", new Date("2026-12-31T23:59:59Z"))).toBe("2027-01-01T00:00:00.000Z");
  });
});
