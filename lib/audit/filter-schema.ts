import { z } from "zod";
import { AUDIT_ONLY_EVENTS, POLICY_ACTIONS } from "@/lib/policy/action-names";
import { cleanSearchTerm } from "@/lib/validation/search";

// Filters of the admin's record lists (audit log, operations), read from the URL: every value is validated, and a
// bad one is reported next to its field instead of being half-applied.

export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query parameter (?a=1&a=2 is "1"). */
export function param(params: SearchParams, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as YYYY-MM-DD (what <input type="date"> sends), read as a UTC day; "" when absent. */
export const daySchema = z
  .string()
  .trim()
  .max(10, "Enter a date as YYYY-MM-DD.")
  .refine((value) => {
    if (value === "") return true;
    const match = DAY.exec(value);
    if (!match) return false;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    return year >= 2000 && year <= 2100 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }, "Enter a real date as YYYY-MM-DD (between 2000 and 2100).");

/** Free text for a filter: control characters dropped, trimmed, bounded. */
export const termSchema = (max: number, label: string) =>
  z
    .string()
    .max(max * 4, `${label} is at most ${max} characters.`)
    .transform((value) => cleanSearchTerm(value, Number.MAX_SAFE_INTEGER))
    .refine((value) => value.length <= max, `${label} is at most ${max} characters.`);

export const AUDIT_ACTIONS: readonly string[] = [...POLICY_ACTIONS, ...AUDIT_ONLY_EVENTS].sort();

export const auditFiltersSchema = z
  .object({
    actor: termSchema(254, "The actor"),
    action: z
      .string()
      .max(100, "Choose an action from the list.")
      .refine((value) => value === "" || AUDIT_ACTIONS.includes(value), "Choose an action from the list."),
    customer: termSchema(100, "The customer"),
    outcome: z.enum(["", "success", "failure"], { error: "Choose success or failure." }),
    from: daySchema,
    to: daySchema,
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.from > value.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date." });
    }
  });

export type AuditFilters = z.output<typeof auditFiltersSchema>;

export const emptyAuditFilters: AuditFilters = { actor: "", action: "", customer: "", outcome: "", from: "", to: "" };

export type ParsedFilters<T> = { ok: true; filters: T; raw: Record<string, string> } | { ok: false; raw: Record<string, string>; fieldErrors: Record<string, string[]> };

/** Reads the named filters from the URL's parameters (missing ones are ""), validated by `schema`. */
export function parseFilters<T>(schema: z.ZodType<T>, params: SearchParams, names: readonly string[]): ParsedFilters<T> {
  const raw: Record<string, string> = {};
  for (const name of names) raw[name] = param(params, name) ?? "";
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, filters: parsed.data, raw };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? "form");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, raw, fieldErrors };
}

export const AUDIT_FILTER_NAMES = ["actor", "action", "customer", "outcome", "from", "to"] as const;

export function parseAuditFilters(params: SearchParams): ParsedFilters<AuditFilters> {
  return parseFilters(auditFiltersSchema, params, AUDIT_FILTER_NAMES);
}

/** The UTC instants a day range covers: from the start of `from` to the end of `to` (inclusive days). */
export function dayRange(from: string, to: string): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (from) range.gte = new Date(`${from}T00:00:00.000Z`);
  if (to) range.lt = new Date(new Date(`${to}T00:00:00.000Z`).getTime() + 86_400_000);
  return range;
}

/** The filters as URL parameters, without the empty ones (for links that keep them: pages, export). */
export function filterQuery(filters: Record<string, string>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  return query;
}
