import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma";
import {
  amountFor,
  dayFigures,
  daysOf,
  lookbackStart,
  summarizeDays,
  tierOnDay,
  type AmountBreakdown,
  type BillingTier,
  type DayFigure,
  type DayRange,
  type TierSpan,
} from "@/lib/billing/amounts";
import {
  NEAR_QUOTA_PERCENT,
  rangeOf,
  reportQuerySchema,
  type QuotaFilter,
  type ReportSort,
  type ReportStatus,
} from "@/lib/billing/period-report.schema";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { forecastQuota, type QuotaForecast } from "@/lib/usage/forecast";
import { isQuotaPeriod, type QuotaPeriod } from "@/lib/usage/quota-period";
import { pooledQuotas } from "@/lib/quota/pooled-usage";
import { addDays, dayStart, utcDay } from "@/lib/usage/utc-days";

// The period report: per customer, what it used and what it owes for a range of days (lib/billing/amounts.ts holds
// the rules). The list is one SQL statement over the daily per-customer rollup (CustomerUsageDay, kept equal to the
// UsageDay detail by database triggers): the pooled quota figures come from per-period sums (a count only grows),
// proration and overage are aggregated per tier and month, and sorting, filtering, paging and the totals of the
// filtered set all happen there, so 10,000 customers never reach Node. Deleted customers and revoked keys with usage
// in the range are included. The drill-down computes one customer's figures from the same rollup with the pure
// functions of amounts.ts; the integration test checks both give the same figures.

export type { DayRange } from "@/lib/billing/amounts";

/** A tier the customer held in the range, clipped to the range, as days. */
export interface ReportSpan {
  tierId: string;
  tierName: string;
  from: string;
  to: string;
  days: number;
}

export interface ReportRow {
  customerId: string;
  name: string;
  company: string | null;
  status: ReportStatus;
  /** The tier of the range's last day the customer held one; null when it held none. */
  tierId: string | null;
  tierName: string | null;
  /** The tiers held in the range with their days, oldest first (filled for the page's rows). */
  spans: ReportSpan[];
  /** Requests of all the customer's keys (revoked ones too) in the range. */
  requests: number;
  /** The pooled quota of that tier per its period; null without a quota. */
  quota: number | null;
  quotaPeriod: QuotaPeriod | null;
  /** The highest share of the quota used in any quota period of the range (percent, may exceed 100); null without a quota. */
  percentUsed: number | null;
  daysAtQuota: number;
  overageRequests: number;
  priceCents: number;
  overageCents: number;
  amountCents: number;
}

export interface ReportTotals {
  customers: number;
  requests: number;
  overageRequests: number;
  daysAtQuota: number;
  priceCents: number;
  overageCents: number;
  amountCents: number;
  nearQuota: number;
  overQuota: number;
}

/** A customer near (≥ 80%) or over its quota, with where it is heading. */
export interface QuotaWatch {
  customerId: string;
  name: string;
  tierName: string | null;
  requests: number;
  quota: number | null;
  quotaPeriod: QuotaPeriod | null;
  percentUsed: number;
  overageRequests: number;
  /** The current quota period's forecast (lib/usage/forecast.ts); null when the range is over or has no quota. */
  forecast: QuotaForecast | null;
  /** Requests expected by the range's last day at the recent daily average; null when the range is over. */
  projectedRequests: number | null;
}

export interface ReportFilters {
  tierId?: string;
  status?: ReportStatus;
  /** Part of the name or company, case-insensitive. */
  search?: string;
  quota?: QuotaFilter;
}

export interface ReportParams {
  range: DayRange;
  filters?: ReportFilters;
  sort?: ReportSort;
  dir?: "asc" | "desc";
  offset?: number;
  /** Rows to return; null for all (the CSV export). */
  limit?: number | null;
  /** Also the near/over-quota lists with forecasts (the page), default true. */
  watchLists?: boolean;
  /** Fill each row's spans (default true). */
  spans?: boolean;
  /** Only these customers (the CSV export reads the report a keyset page of customers at a time); default all. */
  customerIds?: readonly string[];
  now?: Date;
}

export interface PeriodReport {
  range: DayRange;
  rows: ReportRow[];
  totals: ReportTotals;
  offset: number;
  limit: number | null;
  nearQuota: QuotaWatch[];
  overQuota: QuotaWatch[];
}

/** How many customers each watch list shows (the counts are in the totals). */
export const WATCH_LIST_SIZE = 10;

const sortSql: Record<ReportSort, string> = {
  name: `lower(r."name")`,
  tier: `lower(r.tier_name)`,
  requests: `r.requests`,
  quota: `r.quota`,
  percent: `r.peak`,
  daysAtQuota: `r.days_at_quota`,
  overageRequests: `r.over_req`,
  price: `r.price_cents`,
  overage: `r.over_cents`,
  amount: `r.amount_cents`,
};

interface RawRow {
  id: string;
  name: string;
  company: string | null;
  status: string;
  tier_id: string | null;
  tier_name: string | null;
  quota: number | null;
  quota_period: string | null;
  requests: number;
  peak: number | null;
  days_at_quota: number;
  over_req: number;
  price_cents: number;
  over_cents: number;
  amount_cents: number;
}

interface RawResult {
  totals: { customers: number; requests: number; over_req: number; days_at_quota: number; price_cents: number; over_cents: number; amount_cents: number; near: number; over: number };
  rows: RawRow[];
  near: RawRow[];
  over: RawRow[];
}

/**
 * The report's rows as CTEs (ending in `report`), mirroring amounts.ts dayFigures + amountFor without expanding
 * every customer's every day: each tier span becomes the range of days it is billed for (a day goes to the span
 * that held last that day: up to the day before the next span starts, or the day its end falls in), proration is
 * day arithmetic per span and month, and the pooled quota figures are sums per quota period over the rollup's
 * customer-days (only the WEEK/MONTH periods that reached their quota are walked day by day, for days at quota).
 */
function reportCte(range: DayRange, customerIds?: readonly string[]): Prisma.Sql {
  // Only these customers (the CSV export's keyset pages), else everyone.
  const onlySpans = customerIds ? Prisma.sql`AND s."customerId" = ANY(${[...customerIds]}::text[])` : Prisma.empty;
  const onlyUsage = customerIds ? Prisma.sql`AND u."customerId" = ANY(${[...customerIds]}::text[])` : Prisma.empty;
  const d0 = range.from;
  const d1 = range.to;
  const l0 = lookbackStart(range.from);
  return Prisma.sql`
  sp_all AS (
    SELECT s."customerId" AS cid, s."tierId", (s."from")::date AS first_day,
      LEAST((COALESCE(s."to", 'infinity'::timestamp) - interval '1 millisecond')::date,
            (lead(s."from") OVER (PARTITION BY s."customerId" ORDER BY s."from", s."id"))::date - 1) AS last_day
    FROM "CustomerTierSpan" s
    WHERE s."from" < (${d1}::date + 1) AND (s."to" IS NULL OR s."to" > ${l0}::date) ${onlySpans}
  ),
  sp AS (
    SELECT cid, "tierId", GREATEST(first_day, ${l0}::date) AS first_day, LEAST(last_day, ${d1}::date) AS last_day
    FROM sp_all WHERE GREATEST(first_day, ${l0}::date) <= LEAST(last_day, ${d1}::date)
  ),
  sp_in AS (
    SELECT cid, "tierId", GREATEST(first_day, ${d0}::date) AS first_day, last_day
    FROM sp WHERE GREATEST(first_day, ${d0}::date) <= last_day
  ),
  -- Each customer-day with usage (the daily rollup, lib/usage/store-usage-days.ts) with the tier it is billed at and
  -- that tier's quota. A WEEK or MONTH quota period is keyed by its first day; DAY-quota and no-quota days need no key.
  fig AS (
    SELECT u."customerId" AS cid, u."date" AS day, u."used" AS used, sp."tierId", tr."quotaLimit" AS quota, tr."quotaPeriod" AS period,
      CASE tr."quotaPeriod" WHEN 'WEEK' THEN date_trunc('week', u."date"::timestamp)::date
        WHEN 'MONTH' THEN date_trunc('month', u."date"::timestamp)::date END AS wstart
    FROM "CustomerUsageDay" u
    LEFT JOIN sp ON sp.cid = u."customerId" AND u."date" BETWEEN sp.first_day AND sp.last_day
    LEFT JOIN "Tier" tr ON tr."id" = sp."tierId" AND tr."quotaLimit" IS NOT NULL AND tr."quotaPeriod" IS NOT NULL
    WHERE u."date" >= ${l0}::date AND u."date" <= ${d1}::date ${onlyUsage}
  ),
  -- One pass over the customer-days, grouped per customer, tier and WEEK/MONTH quota period (the other days per
  -- customer and tier). A period's pooled count only grows, so its figures follow from two sums: the count before the
  -- range (lookback days) and the count at the range's end; overage attributed to the days in the range is
  -- max(0, end − quota) − max(0, before − quota), the peak is the count at the end. A DAY period is the day itself.
  periods AS MATERIALIZED (
    SELECT cid, "tierId", quota, period, wstart,
      SUM(used) FILTER (WHERE day >= ${d0}::date) AS requests,
      SUM(used) AS total,
      COALESCE(SUM(used) FILTER (WHERE day < ${d0}::date), 0) AS before,
      bool_or(day >= ${d0}::date) AS in_range,
      SUM(GREATEST(0, used - quota)) FILTER (WHERE period = 'DAY' AND day >= ${d0}::date) AS day_over,
      count(*) FILTER (WHERE period = 'DAY' AND day >= ${d0}::date AND used >= quota) AS day_days,
      MAX(used) FILTER (WHERE period = 'DAY' AND day >= ${d0}::date) AS day_max
    FROM fig
    GROUP BY cid, "tierId", quota, period, wstart
  ),
  -- Days at quota for WEEK and MONTH quotas: every day from the one the period's count reached the quota (or the
  -- range's first day, if earlier) to the period's end, within the range and the tier's days. Only the periods that
  -- reached their quota are walked day by day. DAY: in tier_use.
  hit AS (
    SELECT cid, "tierId", quota, wstart, CASE WHEN period = 'WEEK' THEN wstart + 6 ELSE (wstart + interval '1 month')::date - 1 END AS wend
    FROM periods WHERE period IN ('WEEK', 'MONTH') AND total >= quota
  ),
  hit_days AS (
    SELECT h.cid, h."tierId", h.wstart, h.wend, h.quota, u."date" AS day,
      SUM(u."used") OVER (PARTITION BY h.cid, h."tierId", h.wstart ORDER BY u."date") AS cum
    FROM hit h
    JOIN "CustomerUsageDay" u ON u."customerId" = h.cid AND u."date" >= GREATEST(h.wstart, ${l0}::date) AND u."date" <= LEAST(h.wend, ${d1}::date)
    JOIN sp ON sp.cid = h.cid AND sp."tierId" = h."tierId" AND u."date" BETWEEN sp.first_day AND sp.last_day
  ),
  reached AS (
    SELECT f0.cid, SUM(GREATEST(0, LEAST(f0.wend, sp.last_day) - GREATEST(f0.day, ${d0}::date) + 1))::int AS days
    FROM (
      SELECT DISTINCT ON (cid, "tierId", wstart) cid, "tierId", wstart, wend, day
      FROM hit_days WHERE cum >= quota ORDER BY cid, "tierId", wstart, day
    ) f0
    JOIN sp ON sp.cid = f0.cid AND f0.day BETWEEN sp.first_day AND sp.last_day
    GROUP BY f0.cid
  ),
  tier_use AS (
    -- Per customer and tier, over the range's days: requests, overage (requests beyond the quota, on the day they
    -- happen), DAY days at quota and the highest share of a quota.
    SELECT cid, "tierId", SUM(requests) AS requests,
      SUM(CASE WHEN quota IS NULL THEN 0 WHEN period = 'DAY' THEN COALESCE(day_over, 0) ELSE GREATEST(0, total - quota) - GREATEST(0, before - quota) END) AS over,
      SUM(day_days) AS day_days,
      MAX(CASE WHEN quota IS NULL THEN NULL WHEN quota = 0 THEN (CASE WHEN (CASE WHEN period = 'DAY' THEN day_max ELSE total END) > 0 THEN 100 ELSE 0 END)
        ELSE (CASE WHEN period = 'DAY' THEN day_max ELSE total END) * 100.0 / quota END) AS peak
    FROM periods WHERE in_range
    GROUP BY cid, "tierId"
  ),
  months AS (
    SELECT sp_in.cid, sp_in."tierId", m::date AS m,
      LEAST(sp_in.last_day, (m + interval '1 month')::date - 1) - GREATEST(sp_in.first_day, m::date) + 1 AS days
    FROM sp_in, generate_series(date_trunc('month', sp_in.first_day::timestamp), date_trunc('month', sp_in.last_day::timestamp), interval '1 month') AS m
  ),
  price AS (
    SELECT t.cid, SUM(ROUND(tr."monthlyPriceCents"::numeric * t.days / EXTRACT(day FROM (t.m + interval '1 month' - interval '1 day'))))::bigint AS price_cents
    FROM (SELECT cid, "tierId", m, SUM(days) AS days FROM months GROUP BY 1, 2, 3) t JOIN "Tier" tr ON tr."id" = t."tierId"
    GROUP BY t.cid
  ),
  use_agg AS (
    SELECT t.cid, SUM(t.requests)::bigint AS requests, SUM(t.over)::bigint AS over_req, SUM(t.day_days)::int AS day_days,
      MAX(t.peak)::float8 AS peak,
      SUM(CASE WHEN tr."overageCentsPer1k" IS NULL OR tr."overageCentsPer1k" <= 0 OR t.over <= 0 THEN 0 ELSE CEIL(t.over::numeric * tr."overageCentsPer1k" / 1000) END)::bigint AS over_cents
    FROM tier_use t LEFT JOIN "Tier" tr ON tr."id" = t."tierId"
    GROUP BY t.cid
  ),
  span_agg AS (
    SELECT sp_in.cid, array_agg(DISTINCT sp_in."tierId") AS tier_ids,
      (array_agg(sp_in."tierId" ORDER BY sp_in.first_day DESC))[1] AS last_tier,
      bool_or(tr."quotaLimit" IS NOT NULL AND tr."quotaPeriod" IS NOT NULL) AS has_quota
    FROM sp_in JOIN "Tier" tr ON tr."id" = sp_in."tierId"
    GROUP BY sp_in.cid
  ),
  ids AS (SELECT cid FROM span_agg UNION SELECT cid FROM use_agg WHERE requests > 0),
  report AS (
    SELECT c."id", c."name", c."company", c."status"::text AS status, sa.last_tier AS tier_id, tr."name" AS tier_name,
      CASE WHEN tr."quotaPeriod" IS NOT NULL THEN tr."quotaLimit" END AS quota,
      CASE WHEN tr."quotaLimit" IS NOT NULL THEN tr."quotaPeriod"::text END AS quota_period,
      COALESCE(ua.requests, 0) AS requests,
      COALESCE(ua.peak, CASE WHEN sa.has_quota THEN 0 END) AS peak,
      COALESCE(ua.day_days, 0) + COALESCE(r.days, 0) AS days_at_quota,
      COALESCE(ua.over_req, 0) AS over_req, COALESCE(p.price_cents, 0) AS price_cents, COALESCE(ua.over_cents, 0) AS over_cents,
      COALESCE(p.price_cents, 0) + COALESCE(ua.over_cents, 0) AS amount_cents, COALESCE(sa.tier_ids, ARRAY[]::text[]) AS tier_ids
    FROM ids JOIN "Customer" c ON c."id" = ids.cid
    LEFT JOIN span_agg sa ON sa.cid = ids.cid LEFT JOIN "Tier" tr ON tr."id" = sa.last_tier
    LEFT JOIN use_agg ua ON ua.cid = ids.cid LEFT JOIN price p ON p.cid = ids.cid LEFT JOIN reached r ON r.cid = ids.cid
  )`;
}

function filterSql(filters: ReportFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filters.tierId) parts.push(Prisma.sql`${filters.tierId} = ANY(r.tier_ids)`);
  if (filters.status) parts.push(Prisma.sql`r.status = ${filters.status}`);
  if (filters.search) {
    const like = `%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(Prisma.sql`(r."name" ILIKE ${like} OR r."company" ILIKE ${like})`);
  }
  if (filters.quota === "near") parts.push(Prisma.sql`r.peak >= ${NEAR_QUOTA_PERCENT} AND r.peak < 100`);
  if (filters.quota === "over") parts.push(Prisma.sql`r.peak >= 100`);
  return Prisma.join(parts, " AND ");
}

const rowJson = Prisma.sql`r."id", r."name", r."company", r.status, r.tier_id, r.tier_name, r.quota, r.quota_period, r.requests, r.peak,
  r.days_at_quota, r.over_req, r.price_cents, r.over_cents, r.amount_cents`;

/**
 * The report for a range, unauthorized: callers authorize first (periodReport for billing.read; the CSV export for
 * billing.export). One statement for rows, totals of the filtered set and the watch lists.
 */
export async function queryPeriodReport(params: ReportParams): Promise<PeriodReport> {
  const { range } = params;
  const filters = params.filters ?? {};
  const sort = params.sort ?? "amount";
  const dir = params.dir === "asc" ? Prisma.raw("ASC") : Prisma.raw("DESC");
  const offset = Math.max(0, params.offset ?? 0);
  const limit = params.limit === undefined ? 50 : params.limit;
  const watch = params.watchLists ?? true;
  const now = params.now ?? new Date();
  const order = Prisma.sql`ORDER BY ${Prisma.raw(sortSql[sort])} ${dir} NULLS LAST, r."id" ASC`;
  const page = limit === null ? Prisma.sql`OFFSET ${offset}` : Prisma.sql`LIMIT ${limit} OFFSET ${offset}`;
  const watchSql = watch
    ? Prisma.sql`
      (SELECT COALESCE(json_agg(x), '[]'::json) FROM (SELECT ${rowJson} FROM report r WHERE r.peak >= ${NEAR_QUOTA_PERCENT} AND r.peak < 100 ORDER BY r.peak DESC, r."id" LIMIT ${WATCH_LIST_SIZE}) x) AS near,
      (SELECT COALESCE(json_agg(x), '[]'::json) FROM (SELECT ${rowJson} FROM report r WHERE r.peak >= 100 ORDER BY r.over_req DESC, r.peak DESC, r."id" LIMIT ${WATCH_LIST_SIZE}) x) AS over`
    : Prisma.sql`'[]'::json AS near, '[]'::json AS over`;
  // Enough working memory for the statement's sorts and materialized steps to stay in memory (PostgreSQL's 4 MB
  // default spills them to temporary files at 10,000 customers); SET LOCAL ends with the transaction.
  // The transaction's timeout is the statement's own budget (Prisma's 5 s default would cut a report short on a busy
  // machine): a report is one read, so nothing is held but a snapshot.
  const [raw] = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
      return tx.$queryRaw<[RawResult]>(reportSql(range, filters, order, page, watchSql, params.customerIds));
    },
    { timeout: 300_000, maxWait: 30_000 },
  );

  const rows = raw.rows.map(toRow);
  if (params.spans ?? true) await fillSpans(rows, range);
  const t = raw.totals;
  return {
    range,
    rows,
    totals: {
      customers: Number(t.customers),
      requests: Number(t.requests),
      overageRequests: Number(t.over_req),
      daysAtQuota: Number(t.days_at_quota),
      priceCents: Number(t.price_cents),
      overageCents: Number(t.over_cents),
      amountCents: Number(t.amount_cents),
      nearQuota: Number(t.near),
      overQuota: Number(t.over),
    },
    offset,
    limit,
    ...(watch ? await watchLists(raw.near.map(toRow), raw.over.map(toRow), range, now) : { nearQuota: [], overQuota: [] }),
  };
}

/** The report's one statement (exported for the benchmark's EXPLAIN). */
export function reportSql(range: DayRange, filters: ReportFilters, order: Prisma.Sql, page: Prisma.Sql, watchSql: Prisma.Sql, customerIds?: readonly string[]): Prisma.Sql {
  return Prisma.sql`
    WITH ${reportCte(range, customerIds)},
    filtered AS (SELECT * FROM report r WHERE ${filterSql(filters)})
    SELECT
      (SELECT json_build_object(
        'customers', count(*), 'requests', COALESCE(sum(requests), 0), 'over_req', COALESCE(sum(over_req), 0),
        'days_at_quota', COALESCE(sum(days_at_quota), 0), 'price_cents', COALESCE(sum(price_cents), 0),
        'over_cents', COALESCE(sum(over_cents), 0), 'amount_cents', COALESCE(sum(amount_cents), 0),
        'near', count(*) FILTER (WHERE peak >= ${NEAR_QUOTA_PERCENT} AND peak < 100), 'over', count(*) FILTER (WHERE peak >= 100))
       FROM filtered) AS totals,
      (SELECT COALESCE(json_agg(x), '[]'::json) FROM (SELECT ${rowJson} FROM filtered r ${order} ${page}) x) AS rows,
      ${watchSql}`;
}

function toRow(r: RawRow): ReportRow {
  return {
    customerId: r.id,
    name: r.name,
    company: r.company,
    status: r.status === "SUSPENDED" || r.status === "DELETED" ? r.status : "ACTIVE",
    tierId: r.tier_id,
    tierName: r.tier_name,
    spans: [],
    requests: Number(r.requests),
    quota: r.quota === null ? null : Number(r.quota),
    quotaPeriod: isQuotaPeriod(r.quota_period) ? r.quota_period : null,
    percentUsed: r.peak === null ? null : Number(r.peak),
    daysAtQuota: Number(r.days_at_quota),
    overageRequests: Number(r.over_req),
    priceCents: Number(r.price_cents),
    overageCents: Number(r.over_cents),
    amountCents: Number(r.amount_cents),
  };
}

/** Billing tiers by id (a small table: read whole). */
export async function billingTiers(): Promise<Map<string, BillingTier>> {
  const tiers = await db.tier.findMany({
    select: { id: true, name: true, monthlyPriceCents: true, overageCentsPer1k: true, quotaLimit: true, quotaPeriod: true },
  });
  return new Map(tiers.map((t) => [t.id, { ...t, quotaPeriod: isQuotaPeriod(t.quotaPeriod) ? t.quotaPeriod : null }]));
}

/** The customers' tier spans overlapping the days from `from` to `to`. */
export async function tierSpans(customerIds: readonly string[], range: DayRange): Promise<Map<string, TierSpan[]>> {
  const out = new Map<string, TierSpan[]>();
  if (customerIds.length === 0) return out;
  const spans = await db.customerTierSpan.findMany({
    where: {
      customerId: { in: [...customerIds] },
      from: { lt: new Date(`${addDays(range.to, 1)}T00:00:00.000Z`) },
      OR: [{ to: null }, { to: { gt: new Date(`${range.from}T00:00:00.000Z`) } }],
    },
    orderBy: [{ from: "asc" }, { id: "asc" }],
    select: { customerId: true, tierId: true, from: true, to: true },
  });
  for (const s of spans) {
    const list = out.get(s.customerId) ?? [];
    list.push({ tierId: s.tierId, from: s.from, to: s.to });
    out.set(s.customerId, list);
  }
  return out;
}

/** The tiers a customer held in the range as runs of days (a tier left and re-entered appears twice). */
export function spansInRange(spans: readonly TierSpan[], range: DayRange, tiers: ReadonlyMap<string, BillingTier>): ReportSpan[] {
  const out: ReportSpan[] = [];
  for (const day of daysOf(range)) {
    const tierId = tierOnDay(spans, day);
    if (!tierId) continue;
    const last = out.at(-1);
    if (last && last.tierId === tierId && addDays(last.to, 1) === day) {
      last.to = day;
      last.days += 1;
    } else out.push({ tierId, tierName: tiers.get(tierId)?.name ?? "Unknown tier", from: day, to: day, days: 1 });
  }
  return out;
}

async function fillSpans(rows: ReportRow[], range: DayRange): Promise<void> {
  if (rows.length === 0) return;
  const tiers = await billingTiers();
  // In batches: the CSV export asks for every row at once.
  for (let i = 0; i < rows.length; i += 2000) {
    const batch = rows.slice(i, i + 2000);
    const spans = await tierSpans(batch.map((r) => r.customerId), range);
    for (const row of batch) row.spans = spansInRange(spans.get(row.customerId) ?? [], range, tiers);
  }
}

/** Forecasts for the watch lists: only while the range is not over (today or later in it). */
async function watchLists(near: ReportRow[], over: ReportRow[], range: DayRange, now: Date): Promise<{ nearQuota: QuotaWatch[]; overQuota: QuotaWatch[] }> {
  const today = utcDay(now);
  const live = today >= range.from && today <= range.to;
  const ids = [...near, ...over].map((r) => r.customerId);
  const pools = live && ids.length > 0 ? await pooledQuotas(ids, now) : new Map();
  const recentFrom = addDays(today, -7);
  const daily =
    live && ids.length > 0
      ? await db.$queryRaw<{ cid: string; day: Date; used: bigint }[]>(Prisma.sql`
          SELECT u."customerId" AS cid, u."date" AS day, u."used"
          FROM "CustomerUsageDay" u
          WHERE u."customerId" = ANY(${ids}::text[]) AND u."date" >= ${recentFrom}::date AND u."date" <= ${today}::date`)
      : [];
  const byCustomer = new Map<string, Map<string, number>>();
  for (const d of daily) {
    const m = byCustomer.get(d.cid) ?? new Map<string, number>();
    m.set(utcDay(d.day), Number(d.used));
    byCustomer.set(d.cid, m);
  }
  const daysLeft = live ? daysOf({ from: addDays(today, 1), to: range.to }).length : 0;
  const toWatch = (r: ReportRow): QuotaWatch => {
    let forecast: QuotaForecast | null = null;
    let projectedRequests: number | null = null;
    if (live) {
      const days = byCustomer.get(r.customerId) ?? new Map<string, number>();
      const recentDays = daysOf({ from: recentFrom, to: addDays(today, -1) }).map((d) => days.get(d) ?? 0);
      const usedToday = days.get(today) ?? 0;
      const pool = pools.get(r.customerId);
      if (pool && pool.quota !== null && pool.window) {
        forecast = forecastQuota({ quota: pool.quota, period: pool.window.period, periodUsed: pool.used, usedToday, recentDays, now });
      }
      const average = recentDays.reduce((s, n) => s + n, 0) / recentDays.length;
      // Today ends at least at the recent average; each later day of the range adds the average.
      projectedRequests = Math.round(r.requests + Math.max(0, average - usedToday) + average * daysLeft);
    }
    return {
      customerId: r.customerId,
      name: r.name,
      tierName: r.tierName,
      requests: r.requests,
      quota: r.quota,
      quotaPeriod: r.quotaPeriod,
      percentUsed: r.percentUsed ?? 0,
      overageRequests: r.overageRequests,
      forecast,
      projectedRequests,
    };
  };
  return { nearQuota: near.map(toWatch), overQuota: over.map(toWatch) };
}

/** The report page's data: billing.read, the URL's state validated (bad input: a clear message per field). */
export async function periodReport(actor: Actor | null, input: unknown, now: Date = new Date()): Promise<Result<PeriodReport & { query: ReturnType<typeof reportQuerySchema.parse> }>> {
  const allowed = authorize(actor, "billing.read");
  if (!allowed.ok) return allowed;
  const parsed = reportQuerySchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "range");
      (fieldErrors[key] ??= []).push(issue.message);
    }
    return fail("invalid", Object.values(fieldErrors)[0]?.[0] ?? "Please correct the range.", fieldErrors);
  }
  const q = parsed.data;
  const report = await queryPeriodReport({
    range: rangeOf(q, now),
    filters: { tierId: q.tier, status: q.status, search: q.q, quota: q.quota },
    sort: q.sort,
    dir: q.dir,
    offset: (q.page - 1) * q.pageSize,
    limit: q.pageSize,
    now,
  });
  return ok({ ...report, query: q });
}

// ---------------------------------------------------------------------------------------------------------------
// Drill-down: one customer in a range.

export interface KeyUsage {
  apiKeyId: string;
  name: string;
  status: string;
  revokedAt: Date | null;
  requests: number;
}

export interface CustomerPeriod {
  range: DayRange;
  customer: { id: string; name: string; company: string | null; status: ReportStatus; deletedAt: Date | null };
  spans: ReportSpan[];
  days: DayFigure[];
  keys: KeyUsage[];
  amount: AmountBreakdown;
  requests: number;
  daysAtQuota: number;
  overageRequests: number;
  percentUsed: number | null;
  /** The tier of the range's last day on a tier, with its quota. */
  tier: BillingTier | null;
}

/** One customer's figures for the range, unauthorized (callers authorize: billing.read, billing.invoice.read). Null when no such customer. */
export async function queryCustomerPeriod(customerId: string, range: DayRange): Promise<CustomerPeriod | null> {
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { id: true, name: true, company: true, status: true, deletedAt: true } });
  if (!customer) return null;
  const l0 = lookbackStart(range.from);
  const [tiers, spans, perDay, perKeyRows, keys] = await Promise.all([
    billingTiers(),
    tierSpans([customerId], { from: l0, to: range.to }),
    // The days from the rollup the report reads; the per-key split from the detail rows.
    db.customerUsageDay.findMany({ where: { customerId, date: { gte: dayStart(l0), lte: dayStart(range.to) } }, select: { date: true, used: true } }),
    db.$queryRaw<{ key_id: string; used: bigint }[]>(Prisma.sql`
      SELECT u."apiKeyId" AS key_id, SUM(u."used")::bigint AS used
      FROM "UsageDay" u JOIN "ApiKey" k ON k."id" = u."apiKeyId"
      WHERE k."customerId" = ${customerId} AND u."date" >= ${range.from}::date AND u."date" <= ${range.to}::date
      GROUP BY 1`),
    db.apiKey.findMany({ where: { customerId }, select: { id: true, name: true, status: true, revokedAt: true }, orderBy: { createdAt: "asc" } }),
  ]);
  const customerSpans = spans.get(customerId) ?? [];
  const usage = new Map(perDay.map((r) => [utcDay(r.date), Number(r.used)]));
  const perKey = new Map(perKeyRows.map((r) => [r.key_id, Number(r.used)]));
  const days = dayFigures(range, customerSpans, tiers, usage);
  const summary = summarizeDays(days);
  const lastTierId = [...days].reverse().find((d) => d.tierId)?.tierId ?? null;
  return {
    range,
    customer: {
      id: customer.id,
      name: customer.name,
      company: customer.company,
      status: customer.status,
      deletedAt: customer.deletedAt,
    },
    spans: spansInRange(customerSpans, range, tiers),
    days,
    keys: keys
      .filter((k) => (perKey.get(k.id) ?? 0) > 0 || k.status === "ACTIVE" || k.status === "DISABLED")
      .map((k) => ({ apiKeyId: k.id, name: k.name, status: k.status, revokedAt: k.revokedAt, requests: perKey.get(k.id) ?? 0 })),
    amount: amountFor(days, tiers),
    requests: summary.requests,
    daysAtQuota: summary.daysAtQuota,
    overageRequests: summary.overageRequests,
    percentUsed: summary.peakPercent,
    tier: lastTierId ? (tiers.get(lastTierId) ?? null) : null,
  };
}

/** The drill-down page's data: billing.read; the range from the URL (a month or from/to), validated. */
export async function customerPeriod(actor: Actor | null, customerId: string, input: unknown, now: Date = new Date()): Promise<Result<CustomerPeriod>> {
  const allowed = authorize(actor, "billing.read");
  if (!allowed.ok) return allowed;
  const parsed = reportQuerySchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "range")] ??= []).push(issue.message);
    return fail("invalid", Object.values(fieldErrors)[0]?.[0] ?? "Please correct the range.", fieldErrors);
  }
  if (customerId.length === 0 || customerId.length > 64) return fail("not_found", "That customer does not exist.");
  const found = await queryCustomerPeriod(customerId, rangeOf(parsed.data, now));
  return found ? ok(found) : fail("not_found", "That customer does not exist.");
}

/** The tiers to filter the report by (every tier, retired ones too: they may have customers in past periods). */
export async function reportTierOptions(actor: Actor | null): Promise<Result<{ id: string; name: string }[]>> {
  const allowed = authorize(actor, "billing.read");
  if (!allowed.ok) return allowed;
  return ok(await db.tier.findMany({ orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { id: true, name: true } }));
}
