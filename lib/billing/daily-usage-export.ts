import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { exportFileName, type DailyUsageExportParams } from "@/lib/billing/export-params.schema";
import type { CsvColumn } from "@/lib/csv/spreadsheet-safe";
import { csvStream, type CsvRecord } from "@/lib/csv/stream";
import { db } from "@/lib/db";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { dayStart, utcDay } from "@/lib/usage/utc-days";

// Daily usage as CSV: one row per customer × key × usage plan × day from the stored UsageDay rows (a key moved
// between plans on a day has a row for each plan, as UsageDay counts it). Every customer with usage in the range is
// included, deleted ones too (their usage was real). A key appears by its portal id and last four characters, never
// by its value (the portal does not store values).

export const DAILY_USAGE_CSV_COLUMNS = [
  { key: "date", header: "date" },
  { key: "customerId", header: "customer_id" },
  { key: "customer", header: "customer" },
  { key: "company", header: "company" },
  { key: "customerStatus", header: "customer_status" },
  { key: "keyName", header: "key_name" },
  { key: "keyId", header: "key_id" },
  { key: "keyLastFour", header: "key_last_four" },
  { key: "usagePlanId", header: "usage_plan_id" },
  { key: "tier", header: "tier" },
  { key: "requests", header: "requests" },
] as const satisfies readonly CsvColumn[];

export type DailyUsageCsvKey = (typeof DAILY_USAGE_CSV_COLUMNS)[number]["key"];

/** Customers per database batch: each batch is one customer page and one usage query (≈ customers × keys × days rows). */
export const DAILY_USAGE_BATCH_CUSTOMERS = 200;

/**
 * The rows, batch by batch: a keyset page of customers (by name, then id, over the customers that have usage in the
 * range), then their keys' UsageDay rows in the range in one query. Memory holds one batch, whatever the number of
 * customers; each query reads only its own page (indexes: Customer name, ApiKey (customerId), UsageDay's key).
 */
export async function* dailyUsageRecords(params: DailyUsageExportParams, batchCustomers = DAILY_USAGE_BATCH_CUSTOMERS): AsyncGenerator<CsvRecord<DailyUsageCsvKey>[]> {
  const date = { gte: dayStart(params.from), lte: dayStart(params.to) };
  const tierByPlan = new Map((await db.tier.findMany({ select: { usagePlanId: true, name: true } })).map((t) => [t.usagePlanId, t.name]));
  let after: { name: string; id: string } | null = null;
  for (;;) {
    const customers: { id: string; name: string; company: string | null; status: string }[] = await db.customer.findMany({
      where: {
        ...(params.customerId ? { id: params.customerId } : {}),
        apiKeys: { some: { usageDays: { some: { date } } } },
        ...(after ? { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] } : {}),
      },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: batchCustomers,
      select: { id: true, name: true, company: true, status: true },
    });
    if (customers.length === 0) return;
    const byId = new Map(customers.map((c, index) => [c.id, { ...c, index }]));
    const days = await db.usageDay.findMany({
      where: { date, apiKey: { customerId: { in: customers.map((c) => c.id) } } },
      select: { date: true, usagePlanId: true, used: true, apiKey: { select: { id: true, customerId: true, name: true, lastFour: true } } },
    });
    // The database's order would need a sort over a join; the page is small, so sort it here: customer (page order),
    // key name, key id, day, plan.
    days.sort(
      (a, b) =>
        (byId.get(a.apiKey.customerId)?.index ?? 0) - (byId.get(b.apiKey.customerId)?.index ?? 0) ||
        compareText(a.apiKey.name, b.apiKey.name) ||
        compareText(a.apiKey.id, b.apiKey.id) ||
        a.date.getTime() - b.date.getTime() ||
        compareText(a.usagePlanId, b.usagePlanId),
    );
    yield days.map((d) => {
      const customer = byId.get(d.apiKey.customerId);
      return {
        date: utcDay(d.date),
        customerId: d.apiKey.customerId,
        customer: customer?.name ?? "",
        company: customer?.company ?? "",
        customerStatus: customer?.status.toLowerCase() ?? "",
        keyName: d.apiKey.name,
        keyId: d.apiKey.id,
        keyLastFour: d.apiKey.lastFour ?? "",
        usagePlanId: d.usagePlanId,
        tier: tierByPlan.get(d.usagePlanId) ?? "",
        requests: d.used,
      };
    });
    if (customers.length < batchCustomers) return;
    const last = customers[customers.length - 1];
    if (!last) return;
    after = { name: last.name, id: last.id };
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface CsvDownload {
  stream: ReadableStream<Uint8Array>;
  fileName: string;
}

/**
 * The daily-usage CSV for billing staff and admins (billing.export): authorized, audited (who, the range, the
 * customer) before the first byte, then streamed (lib/csv/stream.ts).
 */
export async function exportDailyUsageCsv(actor: Actor | null, params: DailyUsageExportParams): Promise<Result<CsvDownload>> {
  const allowed = authorize(actor, "billing.export");
  if (!allowed.ok) return allowed;
  if (!actor) return fail("unauthenticated", "Please sign in to continue.");
  if (params.customerId && !(await db.customer.findUnique({ where: { id: params.customerId }, select: { id: true } }))) {
    return fail("not_found", "That customer does not exist.");
  }
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: { userId: actor.userId, email: actor.email, role: actor.role },
      action: "billing.export",
      target: { type: "daily_usage_csv" },
      customerId: params.customerId,
      meta: { export: "daily_usage", from: params.from, to: params.to, ...(params.customerId ? { customerId: params.customerId } : {}) },
    }),
  );
  return ok({ stream: csvStream(DAILY_USAGE_CSV_COLUMNS, dailyUsageRecords(params), "billing.export daily-usage"), fileName: exportFileName("daily-usage", params, params.customerId) });
}
