import { z } from "zod";
import { parseFilters, type SearchParams } from "@/lib/audit/filter-schema";

// Filters of billing's quota-alert list (/billing/alerts), read from the URL and validated: a bad value is reported
// next to its field, never half-applied.

const MONTH = /^(\d{4})-(\d{2})$/;

export const quotaAlertFiltersSchema = z.object({
  /** "" (the current quota periods), "all", or a calendar month YYYY-MM (periods that started in it). */
  period: z
    .string()
    .trim()
    .max(7, "Choose a period from the list.")
    .refine((value) => {
      if (value === "" || value === "all") return true;
      const match = MONTH.exec(value);
      if (!match) return false;
      const [year, month] = [Number(match[1]), Number(match[2])];
      return year >= 2000 && year <= 2100 && month >= 1 && month <= 12;
    }, "Choose a period from the list."),
  threshold: z.enum(["", "80", "100"], { error: "Choose 80% or 100%." }),
});

export type QuotaAlertFilters = z.output<typeof quotaAlertFiltersSchema>;

export const QUOTA_ALERT_FILTER_NAMES = ["period", "threshold"] as const;

export function parseQuotaAlertFilters(params: SearchParams) {
  return parseFilters(quotaAlertFiltersSchema, params, QUOTA_ALERT_FILTER_NAMES);
}

/** The last `count` calendar months up to `now`'s, newest first, as YYYY-MM (the period filter's choices). */
export function recentMonths(now: Date, count = 12): string[] {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  });
}
