import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { CsvDownload } from "@/lib/billing/daily-usage-export";
import { exportFileName, type ReportExportParams } from "@/lib/billing/export-params.schema";
import { queryPeriodReport, type ReportRow, type ReportTotals } from "@/lib/billing/period-report";
import { CsvDecimal, type CsvColumn } from "@/lib/csv/spreadsheet-safe";
import { csvStream, type CsvRecord } from "@/lib/csv/stream";
import { db } from "@/lib/db";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";

// The period report as CSV: one row per customer with the report's figures (lib/billing/period-report.ts is the one
// home of the rules; this file only pages and formats), amounts in decimal US dollars, optionally a totals row.

export const REPORT_CSV_COLUMNS = [
  { key: "customerId", header: "customer_id" },
  { key: "customer", header: "customer" },
  { key: "company", header: "company" },
  { key: "status", header: "status" },
  { key: "tier", header: "tier" },
  { key: "tiers", header: "tiers_in_period" },
  { key: "from", header: "period_from" },
  { key: "to", header: "period_to" },
  { key: "requests", header: "requests" },
  { key: "quota", header: "quota" },
  { key: "quotaPeriod", header: "quota_period" },
  { key: "percentUsed", header: "percent_used" },
  { key: "daysAtQuota", header: "days_at_quota" },
  { key: "overageRequests", header: "overage_requests" },
  { key: "price", header: "tier_price_usd" },
  { key: "overage", header: "overage_usd" },
  { key: "amount", header: "amount_usd" },
] as const satisfies readonly CsvColumn[];

export type ReportCsvKey = (typeof REPORT_CSV_COLUMNS)[number]["key"];

/** Customers per database batch: each batch is the report statement over that page of customers only. */
export const REPORT_BATCH_CUSTOMERS = 500;

/** "Basic 2026-12-01..2026-12-14 (14 days); Premium 2026-12-15..2026-12-31 (17 days)": the tiers held, oldest first. */
export function describeSpans(spans: ReportRow["spans"]): string {
  return spans.map((s) => `${s.tierName} ${s.from}..${s.to} (${s.days} ${s.days === 1 ? "day" : "days"})`).join("; ");
}

export function reportCsvRecord(row: ReportRow, range: { from: string; to: string }): CsvRecord<ReportCsvKey> {
  return {
    customerId: row.customerId,
    customer: row.name,
    company: row.company ?? "",
    status: row.status.toLowerCase(),
    tier: row.tierName ?? "",
    tiers: describeSpans(row.spans),
    from: range.from,
    to: range.to,
    requests: row.requests,
    quota: row.quota,
    quotaPeriod: row.quotaPeriod?.toLowerCase() ?? "",
    // Two decimals, as a number: 87.25 (the page rounds it down for display).
    percentUsed: row.percentUsed === null ? null : Math.round(row.percentUsed * 100) / 100,
    daysAtQuota: row.daysAtQuota,
    overageRequests: row.overageRequests,
    price: CsvDecimal.fromCents(row.priceCents),
    overage: CsvDecimal.fromCents(row.overageCents),
    amount: CsvDecimal.fromCents(row.amountCents),
  };
}

type Sums = Pick<ReportTotals, "customers" | "requests" | "daysAtQuota" | "overageRequests" | "priceCents" | "overageCents" | "amountCents">;

function totalsRecord(t: Sums, range: { from: string; to: string }): CsvRecord<ReportCsvKey> {
  return {
    customerId: "",
    customer: `Total (${t.customers} ${t.customers === 1 ? "customer" : "customers"})`,
    company: "",
    status: "",
    tier: "",
    tiers: "",
    from: range.from,
    to: range.to,
    requests: t.requests,
    quota: null,
    quotaPeriod: "",
    percentUsed: null,
    daysAtQuota: t.daysAtQuota,
    overageRequests: t.overageRequests,
    price: CsvDecimal.fromCents(t.priceCents),
    overage: CsvDecimal.fromCents(t.overageCents),
    amount: CsvDecimal.fromCents(t.amountCents),
  };
}

/**
 * The report's rows, a keyset page of customers at a time (by name, then id): the report statement runs over that
 * page's customers only (queryPeriodReport's customerIds), with the report's filters, so each batch costs the same
 * and memory holds one batch whatever the number of customers. Rows come in customer-name order (sort the
 * spreadsheet for other orders). With `totals`, a last row sums the exported rows.
 */
export async function* reportRecords(params: ReportExportParams, batchCustomers = REPORT_BATCH_CUSTOMERS): AsyncGenerator<CsvRecord<ReportCsvKey>[]> {
  const sums: Sums = { customers: 0, requests: 0, daysAtQuota: 0, overageRequests: 0, priceCents: 0, overageCents: 0, amountCents: 0 };
  let after: { name: string; id: string } | null = null;
  for (;;) {
    const page: { id: string; name: string }[] = await db.customer.findMany({
      where: after ? { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] } : {},
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: batchCustomers,
      select: { id: true, name: true },
    });
    if (page.length === 0) break;
    const report = await queryPeriodReport({ range: params.range, filters: params.filters, customerIds: page.map((c) => c.id), limit: null, watchLists: false, spans: true });
    const position = new Map(page.map((c, i) => [c.id, i]));
    const rows = report.rows.sort((a, b) => (position.get(a.customerId) ?? 0) - (position.get(b.customerId) ?? 0));
    for (const r of rows) {
      sums.customers += 1;
      sums.requests += r.requests;
      sums.daysAtQuota += r.daysAtQuota;
      sums.overageRequests += r.overageRequests;
      sums.priceCents += r.priceCents;
      sums.overageCents += r.overageCents;
      sums.amountCents += r.amountCents;
    }
    if (rows.length > 0) yield rows.map((r) => reportCsvRecord(r, params.range));
    const last = page[page.length - 1];
    if (page.length < batchCustomers || !last) break;
    after = { name: last.name, id: last.id };
  }
  if (params.totals) yield [totalsRecord(sums, params.range)];
}

/**
 * The period report CSV for billing staff and admins (billing.export): authorized, audited (who, the range, the
 * filters) before the first byte, then streamed (lib/csv/stream.ts).
 */
export async function exportReportCsv(actor: Actor | null, params: ReportExportParams): Promise<Result<CsvDownload>> {
  const allowed = authorize(actor, "billing.export");
  if (!allowed.ok) return allowed;
  if (!actor) return fail("unauthenticated", "Please sign in to continue.");
  const filters = Object.fromEntries(Object.entries(params.filters).filter(([, v]) => v !== undefined && v !== "" && v !== "all"));
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: { userId: actor.userId, email: actor.email, role: actor.role },
      action: "billing.export",
      target: { type: "billing_report_csv" },
      meta: { export: "period_report", from: params.range.from, to: params.range.to, filters, totals: params.totals },
    }),
  );
  return ok({ stream: csvStream(REPORT_CSV_COLUMNS, reportRecords(params), "billing.export report"), fileName: exportFileName("billing-report", params.range) });
}
