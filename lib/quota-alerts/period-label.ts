// How a quota period reads in lists: "4 Dec 2026" (a day), "Week of 30 Nov 2026", "Dec 2026". Pure.
import type { QuotaPeriod } from "@/lib/usage/quota-period";

const day = (date: Date) => date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export function quotaPeriodLabel(period: QuotaPeriod, start: Date): string {
  switch (period) {
    case "DAY":
      return day(start);
    case "WEEK":
      return `Week of ${day(start)}`;
    case "MONTH":
      return start.toLocaleDateString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
  }
}
