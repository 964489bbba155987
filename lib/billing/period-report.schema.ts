// The period report's URL state: range (a month, or any from/to), sorting, filters and page. Shared by the page, the
// report service and the CSV export; no server code here.
import { z } from "zod";
import type { DayRange } from "@/lib/billing/amounts";

export const REPORT_SORTS = ["name", "tier", "requests", "quota", "percent", "daysAtQuota", "overageRequests", "price", "overage", "amount"] as const;
export type ReportSort = (typeof REPORT_SORTS)[number];
export const REPORT_STATUSES = ["ACTIVE", "SUSPENDED", "DELETED"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const QUOTA_FILTERS = ["all", "near", "over"] as const;
export type QuotaFilter = (typeof QUOTA_FILTERS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;
/** The longest range the report accepts, in days. */
export const MAX_RANGE_DAYS = 366;
/** Near quota from this share of the quota (percent), over quota from 100. */
export const NEAR_QUOTA_PERCENT = 80;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_RE = /^\d{4}-\d{2}$/;

function isRealDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

const day = (label: string) =>
  z
    .string()
    .trim()
    .regex(DAY_RE, `${label} must be a date like 2026-11-01.`)
    .refine(isRealDay, `${label} is not a real date.`)
    .refine((d) => d >= "2000-01-01" && d <= "2100-12-31", `${label} must be between 2000 and 2100.`);

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : Array.isArray(v) ? v[0] : v);

export const reportQuerySchema = z
  .object({
    month: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(MONTH_RE, "Month must look like 2026-11.")
        .refine((m) => isRealDay(`${m}-01`) && m >= "2000-01" && m <= "2100-12", "Month is not a real month.")
        .optional(),
    ),
    from: z.preprocess(blankToUndefined, day("From").optional()),
    to: z.preprocess(blankToUndefined, day("To").optional()),
    sort: z.preprocess(blankToUndefined, z.enum(REPORT_SORTS).default("amount")).catch("amount"),
    dir: z.preprocess(blankToUndefined, z.enum(["asc", "desc"]).default("desc")).catch("desc"),
    tier: z.preprocess(blankToUndefined, z.string().trim().max(64).optional()).catch(undefined),
    status: z.preprocess(blankToUndefined, z.enum(REPORT_STATUSES).optional()).catch(undefined),
    q: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()).catch(undefined),
    quota: z.preprocess(blankToUndefined, z.enum(QUOTA_FILTERS).default("all")).catch("all"),
    page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)).catch(1),
    pageSize: z.preprocess(blankToUndefined, z.coerce.number().int().pipe(z.union([z.literal(25), z.literal(50), z.literal(100)])).default(50)).catch(50),
  })
  .superRefine((v, ctx) => {
    if ((v.from === undefined) !== (v.to === undefined)) {
      ctx.addIssue({ code: "custom", path: [v.from === undefined ? "from" : "to"], message: "Give both From and To, or choose a month." });
      return;
    }
    if (v.from !== undefined && v.to !== undefined) {
      if (v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "To must be on or after From." });
      else if (daysBetween(v.from, v.to) + 1 > MAX_RANGE_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: `A range can be at most ${MAX_RANGE_DAYS} days.` });
    }
  });

export type ReportQuery = z.infer<typeof reportQuerySchema>;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The calendar month (UTC) `month` ("YYYY-MM") spans. */
export function monthRange(month: string): DayRange {
  const year = Number(month.slice(0, 4));
  const monthNumber = Number(month.slice(5, 7));
  const last = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, "0")}` };
}

/** The report's range: from/to when given, else the month, else the calendar month of `now`. */
export function rangeOf(query: Pick<ReportQuery, "month" | "from" | "to">, now: Date = new Date()): DayRange {
  if (query.from && query.to) return { from: query.from, to: query.to };
  return monthRange(query.month ?? now.toISOString().slice(0, 7));
}
