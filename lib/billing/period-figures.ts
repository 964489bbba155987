import "server-only";
import { dayFigures, lookbackStart, type DayRange } from "@/lib/billing/amounts";
import { figuresFromDays, type CustomerFigures } from "@/lib/billing/figures";
import { billingTiers, tierSpans } from "@/lib/billing/period-report";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma";
import { utcDay } from "@/lib/usage/utc-days";

// Every customer's detailed figures for a range (tier spans, overage per quota period, amounts), as closing a period
// freezes them: the customers the period report lists (a day on a tier or usage in the range), computed with the
// report's own rules (lib/billing/amounts.ts) from its loaders. In batches, so 10,000 customers never load at once.

const BATCH = 1_000;

/** The customers with a day on a tier or usage in the range: the period report's rows. */
async function customersInRange(range: DayRange): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT s."customerId" AS id FROM "CustomerTierSpan" s
    WHERE s."from" < (${range.to}::date + 1) AND (s."to" IS NULL OR s."to" > ${range.from}::date)
    UNION
    SELECT u."customerId" AS id FROM "CustomerUsageDay" u
    WHERE u."date" >= ${range.from}::date AND u."date" <= ${range.to}::date
    ORDER BY id`);
  return rows.map((r) => r.id);
}

/** The figures of the given customers (or of all the report's customers) for the range, ordered by customer id. */
export async function periodFigures(range: DayRange, only?: readonly string[]): Promise<CustomerFigures[]> {
  const ids = only ? [...new Set(only)].sort() : await customersInRange(range);
  const tiers = await billingTiers();
  const l0 = lookbackStart(range.from);
  const out: CustomerFigures[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const [customers, spans, usageRows] = await Promise.all([
      db.customer.findMany({ where: { id: { in: batch } }, select: { id: true, name: true, company: true } }),
      tierSpans(batch, { from: l0, to: range.to }),
      db.$queryRaw<{ cid: string; day: Date; used: bigint }[]>(Prisma.sql`
        SELECT u."customerId" AS cid, u."date" AS day, u."used"
        FROM "CustomerUsageDay" u
        WHERE u."customerId" = ANY(${batch}::text[]) AND u."date" >= ${l0}::date AND u."date" <= ${range.to}::date`),
    ]);
    const usage = new Map<string, Map<string, number>>();
    for (const r of usageRows) {
      const days = usage.get(r.cid) ?? new Map<string, number>();
      days.set(utcDay(r.day), Number(r.used));
      usage.set(r.cid, days);
    }
    const byId = new Map(customers.map((c) => [c.id, c]));
    for (const id of batch) {
      const c = byId.get(id);
      if (!c) continue;
      const days = dayFigures(range, spans.get(id) ?? [], tiers, usage.get(id) ?? new Map());
      out.push(figuresFromDays({ customerId: c.id, customerName: c.name, company: c.company }, days, tiers));
    }
  }
  return out;
}

/** When each customer's usage in the range was last stored (the date an adjustment shows). */
export async function lastUsageStored(range: DayRange, customerIds: readonly string[]): Promise<Map<string, Date>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ cid: string; at: Date }[]>(Prisma.sql`
    SELECT k."customerId" AS cid, MAX(u."fetchedAt") AS at
    FROM "UsageDay" u JOIN "ApiKey" k ON k."id" = u."apiKeyId"
    WHERE k."customerId" = ANY(${[...customerIds]}::text[]) AND u."date" >= ${range.from}::date AND u."date" <= ${range.to}::date
    GROUP BY 1`);
  return new Map(rows.map((r) => [r.cid, r.at]));
}
