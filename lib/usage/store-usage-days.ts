import "server-only";
import { Prisma } from "@/lib/generated/prisma";

// How GetUsage's figures are stored: one UsageDay row per key, usage plan and UTC day. Every writer (a customer's
// refresh, the history snapshot, quota rebalancing) stores through here, so a later read of the same day overwrites
// the earlier one and concurrent writers of the same days update instead of failing.

export interface UsageDayRow {
  apiKeyId: string;
  usagePlanId: string;
  /** UTC day, YYYY-MM-DD. */
  date: string;
  used: number;
  /** Quota left at the end of the day as AWS reported it; null for a plan without a quota. */
  remaining: number | null;
}

/** One INSERT … ON CONFLICT for all the rows (callers batch: a statement takes at most 65,535 parameters). */
export function upsertUsageDays(rows: readonly UsageDayRow[], fetchedAt: Date): Prisma.Sql {
  const fetched = fetchedAt.toISOString();
  const values = rows.map(
    (r) =>
      Prisma.sql`(${r.apiKeyId}, ${r.date}::date, ${r.usagePlanId}, ${r.used}::int, ${r.remaining}::int, ${fetched}::timestamptz AT TIME ZONE 'UTC')`,
  );
  return Prisma.sql`
    INSERT INTO "UsageDay" ("apiKeyId", "date", "usagePlanId", "used", "remaining", "fetchedAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("apiKeyId", "usagePlanId", "date") DO UPDATE SET
      "used" = EXCLUDED."used",
      "remaining" = EXCLUDED."remaining",
      "fetchedAt" = EXCLUDED."fetchedAt"`;
}
