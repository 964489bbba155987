// Billing periods are calendar months (UTC). Pure helpers for naming them and deciding which may be closed.
import { addDays, utcDay } from "@/lib/usage/utc-days";

/** "YYYY-MM". */
export type Month = string;

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The first and last day (inclusive, "YYYY-MM-DD") of a month. */
export function monthRange(month: Month): { from: string; to: string } {
  const [year, m] = month.split("-").map(Number) as [number, number];
  const from = `${month}-01`;
  const next = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, "0")}-01`;
  return { from, to: addDays(next, -1) };
}

/** The month a day falls in. */
export const monthOf = (day: string): Month => day.slice(0, 7);

/** The month a range is, when it is exactly one whole calendar month; otherwise null. */
export function wholeMonth(from: string, to: string): Month | null {
  const month = monthOf(from);
  const range = monthRange(month);
  return range.from === from && range.to === to ? month : null;
}

/** "December 1, 2026". */
export function dayLabel(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });
}

/** "December 2026". */
export function monthLabel(month: Month): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
}

/**
 * Whether a month may be closed at `now`: only a whole month that has ended (its last day is before today, UTC).
 * The running month and future months cannot be closed; their usage is still coming in.
 */
export function closeRefusal(month: Month, now: Date): string | null {
  const today = utcDay(now);
  const { from, to } = monthRange(month);
  if (from > today) return `${monthLabel(month)} has not started yet: only months that have ended can be closed.`;
  if (to >= today) return `${monthLabel(month)} is still running: it can be closed once it has ended, from ${dayLabel(addDays(to, 1))}.`;
  return null;
}

export function nextMonth(month: Month): Month {
  return monthOf(addDays(monthRange(month).to, 1));
}

export function previousMonth(month: Month): Month {
  return monthOf(addDays(`${month}-01`, -1));
}

/** The running month and the `count − 1` before it, newest first. */
export function recentMonths(now: Date, count: number): Month[] {
  const months: Month[] = [monthOf(utcDay(now))];
  while (months.length < count) months.push(previousMonth(months[months.length - 1] ?? monthOf(utcDay(now))));
  return months;
}
