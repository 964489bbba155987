import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { exportFileName, type DailyUsageExportParams } from "@/lib/billing/export-params.schema";
import type { CsvColumn } from "@/lib/csv/spreadsheet-safe";
import { csvStream, type CsvRecord } from "@/lib/csv/stream";
import { db } from "@/lib/db";
import { tierNamesByPlan } from "@/lib/shards/plan-tiers";
import { Prisma } from "@/lib/generated/prisma";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";

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

/** Customers per database batch (one query each, ≈ customers × keys × days rows). */
export const DAILY_USAGE_BATCH_CUSTOMERS = 200;

interface DailyUsageRow {
  customerId: string;
  customer: string;
  company: string | null;
  status: string;
  keyId: string;
  keyName: string;
  lastFour: string | null;
  day: string;
  usagePlanId: string;
  used: number;
}

/**
 * The rows, batch by batch, one query per batch: a keyset page of customers (by name, then id, over the customers
 * with usage in the range), joined to their keys' UsageDay rows in the range, in file order (customer, then key
 * oldest first, day, plan). Memory holds one batch whatever the number of customers, and each query reads only its
 * own page (indexes: Customer name, ApiKey customerId, UsageDay's key; the daily rollup CustomerUsageDay says which
 * customers have usage in the range).
 */
export async function* dailyUsageRecords(params: DailyUsageExportParams, batchCustomers = DAILY_USAGE_BATCH_CUSTOMERS): AsyncGenerator<CsvRecord<DailyUsageCsvKey>[]> {
  const tierByPlan = await tierNamesByPlan(); // shard copies of the tiers' plans included
  const inRange = Prisma.sql`u."date" >= ${params.from}::date AND u."date" <= ${params.to}::date`;
  let after: { name: string; id: string } | null = null;
  for (;;) {
    const rows: DailyUsageRow[] = await db.$queryRaw<DailyUsageRow[]>(Prisma.sql`
      WITH page AS (
        SELECT c."id", c."name", c."company", c."status"::text AS "status"
        FROM "Customer" c
        WHERE ${after ? Prisma.sql`(c."name", c."id") > (${after.name}, ${after.id})` : Prisma.sql`TRUE`}
          AND ${params.customerId ? Prisma.sql`c."id" = ${params.customerId}` : Prisma.sql`TRUE`}
          AND EXISTS (SELECT 1 FROM "CustomerUsageDay" u WHERE u."customerId" = c."id" AND ${inRange})
        ORDER BY c."name", c."id"
        LIMIT ${batchCustomers}
      )
      SELECT p."id" AS "customerId", p."name" AS "customer", p."company", p."status",
             k."id" AS "keyId", k."name" AS "keyName", k."lastFour",
             to_char(u."date", 'YYYY-MM-DD') AS "day", u."usagePlanId", u."used"
      FROM page p
      JOIN "ApiKey" k ON k."customerId" = p."id"
      JOIN "UsageDay" u ON u."apiKeyId" = k."id"
      WHERE ${inRange}
      ORDER BY p."name", p."id", k."createdAt", k."id", u."date", u."usagePlanId"`);
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      date: r.day,
      customerId: r.customerId,
      customer: r.customer,
      company: r.company ?? "",
      customerStatus: r.status.toLowerCase(),
      keyName: r.keyName,
      keyId: r.keyId,
      keyLastFour: r.lastFour ?? "",
      usagePlanId: r.usagePlanId,
      tier: tierByPlan.get(r.usagePlanId) ?? "",
      requests: r.used,
    }));
    // Every customer of the page has rows (EXISTS above): fewer customers than asked means this was the last page.
    let customers = 0;
    for (let i = 0; i < rows.length; i++) if (i === 0 || rows[i]?.customerId !== rows[i - 1]?.customerId) customers++;
    const last = rows[rows.length - 1];
    if (customers < batchCustomers || !last) return;
    after = { name: last.customer, id: last.customerId };
  }
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
