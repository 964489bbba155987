// The parameters of the billing CSV downloads (/billing/export/*.csv), read from the URL and validated before any
// database work. Pure (no server imports): the billing pages build their export links from the same names.
import { z } from "zod";
import { daySchema, parseFilters, type ParsedFilters, type SearchParams } from "@/lib/audit/filter-schema";
import { addDays, utcDay } from "@/lib/usage/utc-days";

/** The longest range one export covers: a year of days (a leap year included). */
export const MAX_EXPORT_DAYS = 366;

/** The calendar month (UTC) `now` falls in, as inclusive days: the report's default period. */
export function calendarMonthOf(now: Date): { from: string; to: string } {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { from: utcDay(first), to: addDays(utcDay(next), -1) };
}

/** Days from `from` to `to`, both included. */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** from/to as YYYY-MM-DD, both or neither (neither: the current calendar month), in order, at most a year apart. */
export const exportRangeSchema = z
  .object({ from: daySchema, to: daySchema })
  .superRefine((value, ctx) => {
    if ((value.from === "") !== (value.to === "")) {
      ctx.addIssue({ code: "custom", path: [value.from ? "to" : "from"], message: "Give both a start and an end date, or neither for this month." });
      return;
    }
    if (value.from && value.to && value.from > value.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date." });
      return;
    }
    if (value.from && value.to && daysInRange(value.from, value.to) > MAX_EXPORT_DAYS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `An export covers at most ${MAX_EXPORT_DAYS} days: choose a shorter range.` });
    }
  });

/** A customer id as the portal makes them (cuid) or the benchmark's ids; "" for every customer. */
export const customerIdSchema = z
  .string()
  .trim()
  .max(64, "That is not a customer id.")
  .regex(/^[A-Za-z0-9_-]*$/, "That is not a customer id.");

export const dailyUsageExportSchema = z.intersection(exportRangeSchema, z.object({ customerId: customerIdSchema }));

export interface ExportRange {
  from: string;
  to: string;
}

export interface DailyUsageExportParams extends ExportRange {
  /** null: every customer. */
  customerId: string | null;
}

/** The range with its default applied (the current calendar month when neither end was given). */
export function resolveRange(range: { from: string; to: string }, now: Date): ExportRange {
  return range.from && range.to ? { from: range.from, to: range.to } : calendarMonthOf(now);
}

export function parseDailyUsageExportParams(params: SearchParams, now: Date = new Date()): ParsedFilters<DailyUsageExportParams> {
  const parsed = parseFilters(dailyUsageExportSchema, params, ["from", "to", "customerId"]);
  if (!parsed.ok) return parsed;
  return { ...parsed, filters: { ...resolveRange(parsed.filters, now), customerId: parsed.filters.customerId || null } };
}

/** The download's file name: what it is and the range it covers (only safe characters: ids are [A-Za-z0-9_-]). */
export function exportFileName(kind: "billing-report" | "daily-usage", range: ExportRange, customerId?: string | null): string {
  return `${kind}${customerId ? `-${customerId}` : ""}-${range.from}-to-${range.to}.csv`;
}

/** The parameters' problems as the plain-text body of a 400. */
export function describeParamErrors(fieldErrors: Record<string, string[]>): string {
  const lines = Object.entries(fieldErrors).map(([field, messages]) => `${field}: ${messages.join(" ")}`);
  return `The export's parameters are not valid.\n${lines.join("\n")}`;
}
