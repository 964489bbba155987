import "server-only";
import { Prisma } from "@/lib/generated/prisma";

// How GetUsage's figures are stored: one UsageDay row per key, usage plan and UTC day. Every writer (a customer's
// refresh, the history snapshot, quota rebalancing) stores through here, so a later read of the same day overwrites
// the earlier one and concurrent writers of the same days update instead of failing. A row whose figures did not
// change is left as it was (no write, and fetchedAt keeps when its figures were last stored). The database keeps the
// daily per-customer rollup (CustomerUsageDay) equal to these rows with triggers on UsageDay, in the same statement
// (prisma/migrations/20261205100000_customer_usage_rollup): billing and the pooled quota read the rollup.

export interface UsageDayRow {
  apiKeyId: string;
  usagePlanId: string;
  /** UTC day, YYYY-MM-DD. */
  date: string;
  used: number;
  /** Quota left at the end of the day as AWS reported it; null for a plan without a quota. */
  remaining: number | null;
}

/**
 * One INSERT … ON CONFLICT for all the rows. The rows travel as one array per column (unnest), so a statement has
 * six parameters however many rows it writes: far below PostgreSQL's 65,535, and much cheaper to send and plan than
 * a VALUES list. The rows must not repeat a (key, plan, day).
 */
export function upsertUsageDays(rows: readonly UsageDayRow[], fetchedAt: Date): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "UsageDay" ("apiKeyId", "date", "usagePlanId", "used", "remaining", "fetchedAt")
    SELECT r."apiKeyId", r."date", r."usagePlanId", r."used", r."remaining", ${fetchedAt.toISOString()}::timestamptz AT TIME ZONE 'UTC'
    FROM unnest(
      ${rows.map((r) => r.apiKeyId)}::text[],
      ${rows.map((r) => r.date)}::date[],
      ${rows.map((r) => r.usagePlanId)}::text[],
      ${rows.map((r) => r.used)}::int[],
      ${rows.map((r) => r.remaining)}::int[]
    ) AS r("apiKeyId", "date", "usagePlanId", "used", "remaining")
    ON CONFLICT ("apiKeyId", "usagePlanId", "date") DO UPDATE SET
      "used" = EXCLUDED."used",
      "remaining" = EXCLUDED."remaining",
      "fetchedAt" = EXCLUDED."fetchedAt"
    WHERE ("UsageDay"."used", "UsageDay"."remaining") IS DISTINCT FROM (EXCLUDED."used", EXCLUDED."remaining")`;
}
