// The parameters of the billing CSV downloads (/billing/export/*.csv), read from the URL and validated before any
// database work. The range and the report's filters are the period report's own URL state (period-report.schema.ts:
// a month, or from/to, at most a year; default the current calendar month), so a page's export link downloads
// exactly what the page shows. Pure (no server imports).
import { z } from "zod";
import type { DayRange } from "@/lib/billing/amounts";
import { rangeOf, reportQuerySchema, type QuotaFilter, type ReportStatus } from "@/lib/billing/period-report.schema";

type SearchParams = Record<string, string | string[] | undefined>;

export type ParsedExportParams<T> = { ok: true; params: T } | { ok: false; fieldErrors: Record<string, string[]> };

/** A customer id as the portal makes them (cuid), or another plain id; absent or "" for every customer. */
const customerIdSchema = z
  .string()
  .trim()
  .max(64, "That is not a customer id.")
  .regex(/^[A-Za-z0-9_-]*$/, "That is not a customer id.")
  .optional();

export interface DailyUsageExportParams extends DayRange {
  /** null: every customer. */
  customerId: string | null;
}

export interface ReportExportParams {
  range: DayRange;
  filters: { tierId?: string; status?: ReportStatus; search?: string; quota?: QuotaFilter };
  /** Add a last row with the totals of the exported rows (totals=1). */
  totals: boolean;
}

function firstValues(params: SearchParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

function issuesByField(issues: readonly z.core.$ZodIssue[], into: Record<string, string[]> = {}): Record<string, string[]> {
  for (const issue of issues) (into[String(issue.path[0] ?? "range")] ??= []).push(issue.message);
  return into;
}

/** The report's URL state (range and filters), validated by the report's own schema. */
function reportQuery(params: SearchParams) {
  return reportQuerySchema.safeParse(firstValues(params));
}

export function parseDailyUsageExportParams(params: SearchParams, now: Date = new Date()): ParsedExportParams<DailyUsageExportParams> {
  const query = reportQuery(params);
  const customer = customerIdSchema.safeParse(firstValues(params).customerId);
  if (!query.success || !customer.success) {
    const fieldErrors = query.success ? {} : issuesByField(query.error.issues);
    if (!customer.success) fieldErrors.customerId = customer.error.issues.map((i) => i.message);
    return { ok: false, fieldErrors };
  }
  return { ok: true, params: { ...rangeOf(query.data, now), customerId: customer.data || null } };
}

export function parseReportExportParams(params: SearchParams, now: Date = new Date()): ParsedExportParams<ReportExportParams> {
  const query = reportQuery(params);
  if (!query.success) return { ok: false, fieldErrors: issuesByField(query.error.issues) };
  const q = query.data;
  return {
    ok: true,
    params: {
      range: rangeOf(q, now),
      filters: { tierId: q.tier, status: q.status, search: q.q, quota: q.quota },
      totals: firstValues(params).totals === "1",
    },
  };
}

/** The download's file name: what it is and the range it covers (only safe characters: ids are [A-Za-z0-9_-]). */
export function exportFileName(kind: "billing-report" | "daily-usage", range: DayRange, customerId?: string | null): string {
  return `${kind}${customerId ? `-${customerId}` : ""}-${range.from}-to-${range.to}.csv`;
}

/** The parameters' problems as the plain-text body of a 400. */
export function describeParamErrors(fieldErrors: Record<string, string[]>): string {
  const lines = Object.entries(fieldErrors).map(([field, messages]) => `${field}: ${messages.join(" ")}`);
  return `The export's parameters are not valid.\n${lines.join("\n")}`;
}

/** The query string of an export link for the given page state (empty values dropped). */
export function exportQuery(params: Record<string, string | null | undefined>): string {
  return new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "")).toString();
}
