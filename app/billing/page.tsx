import Link from "next/link";
import { Suspense } from "react";
import { ChevronLeft, ChevronRight, Download, Search } from "lucide-react";
import { ClosedPeriodNotice } from "./_components/closed-period-notice";
import { QuotaWatchList } from "./_components/quota-watch-list";
import { RangePicker } from "./_components/range-picker";
import { ReportTable } from "./_components/report-table";
import { RevenueTable } from "./_components/revenue-table";
import { Figure } from "./_components/figure";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { NativeSelect } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { requirePagePermission } from "@/lib/auth/guards";
import { periodReport, reportTierOptions } from "@/lib/billing/period-report";
import { PAGE_SIZES, rangeOf, reportQuerySchema } from "@/lib/billing/period-report.schema";
import { tierRevenue } from "@/lib/billing/queries";
import { formatAmount, formatDayRange } from "@/lib/format/billing";
import { formatCount } from "@/lib/format/usage";
import type { Actor } from "@/lib/policy/actor";
import { can } from "@/lib/policy/authorize";

export const metadata = { title: "Period report" };
export const dynamic = "force-dynamic";

type Params = Record<string, string | undefined>;

const STATUS_LABELS = { "": "Any status", ACTIVE: "Active", SUSPENDED: "Suspended", DELETED: "Deleted" } as const;
const QUOTA_LABELS = { all: "Any usage", near: "Near quota (80–99%)", over: "At or over quota" } as const;

function firstValues(raw: Record<string, string | string[] | undefined>): Params {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/** The query string of `params` without empty values (and without `drop`). */
function queryOf(params: Params, drop: string[] = []): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "" && !drop.includes(e[0]));
  return new URLSearchParams(entries).toString();
}

export default async function BillingReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("billing.read", "/billing");
  const params = firstValues(await searchParams);
  const parsed = reportQuerySchema.safeParse(params);
  const range = parsed.success ? rangeOf(parsed.data) : rangeOf({});
  const errors = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "range"), i.message]));

  return (
    <>
      <PageHeader
        title="Period report"
        description={parsed.success ? `Usage and amounts for ${formatDayRange(range.from, range.to)} (UTC days). Amounts are tier prices prorated by days plus overage.` : "Choose a valid period."}
        actions={parsed.success && can(actor, "billing.export") ? <ExportLinks params={params} /> : null}
      />
      <RangePicker
        month={parsed.success ? (parsed.data.from ? "" : range.from.slice(0, 7)) : (params.month ?? "")}
        from={params.from ?? (parsed.success ? range.from : "")}
        to={params.to ?? (parsed.success ? range.to : "")}
        errors={errors}
        keep={queryOf(params, ["month", "from", "to", "page"])}
      />
      {parsed.success ? (
        <Suspense key={queryOf(params)} fallback={<ReportSkeleton />}>
          <ReportSection actor={actor} params={params} />
        </Suspense>
      ) : (
        <Alert tone="error" title="This period cannot be shown" className="mt-4" data-testid="range-error">
          {Object.values(errors)[0] ?? "Please correct the period."}
        </Alert>
      )}
    </>
  );
}

/** CSV downloads of what the page shows: the report (range and filters) and the range's daily usage. */
function ExportLinks({ params }: { params: Params }) {
  const range = queryOf({ month: params.month, from: params.from, to: params.to });
  const report = queryOf(params, ["page", "pageSize", "sort", "dir"]);
  return (
    <div className="flex flex-wrap gap-2">
      <a href={`/billing/export/report.csv${report ? `?${report}` : ""}`} className={buttonClass("outline")} download>
        <Download aria-hidden="true" /> Export report (CSV)
      </a>
      <a href={`/billing/export/daily-usage.csv${range ? `?${range}` : ""}`} className={buttonClass("outline")} download>
        <Download aria-hidden="true" /> Export daily usage (CSV)
      </a>
    </div>
  );
}

function ReportSkeleton() {
  return (
    <div className="mt-6 space-y-4" role="status" aria-label="Loading the report">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-24" />
        ))}
      </div>
      <Skeleton className="h-96" />
    </div>
  );
}

async function ReportSection({ actor, params }: { actor: Actor; params: Params }) {
  const [result, tiers, revenue] = await Promise.all([periodReport(actor, params), reportTierOptions(actor), tierRevenue(actor)]);
  if (!result.ok) {
    return (
      <Alert tone="error" title="This period cannot be shown" className="mt-4" data-testid="range-error">
        {result.error.message}
      </Alert>
    );
  }
  const { rows, totals, query, nearQuota, overQuota, range } = result.data;
  const tierOptions = tiers.ok ? tiers.data : [];
  const rangeParams: Params = query.from && query.to ? { from: query.from, to: query.to } : { month: query.month ?? range.from.slice(0, 7) };
  const rangeQuery = queryOf(rangeParams);
  const filters: Params = { q: query.q, tier: query.tier, status: query.status, quota: query.quota === "all" ? undefined : query.quota };
  const filtered = Boolean(query.q || query.tier || query.status || query.quota !== "all");
  const baseQuery = queryOf({ ...rangeParams, ...filters, pageSize: query.pageSize === 50 ? undefined : String(query.pageSize) });
  const pageCount = Math.max(1, Math.ceil(totals.customers / query.pageSize));
  const current = Math.min(query.page, pageCount);
  const pageHref = (p: number) => `/billing?${queryOf({ ...rangeParams, ...filters, sort: query.sort, dir: query.dir, pageSize: String(query.pageSize), page: String(p) })}`;
  const watchHref = (quota: "near" | "over") => `/billing?${queryOf({ ...rangeParams, quota, sort: "percent", dir: "desc" })}`;

  return (
    <div className="mt-6 space-y-6">
      <ClosedPeriodNotice actor={actor} range={range} />
      <section aria-label="Totals" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="report-cards">
        <Figure label="Amount" value={formatAmount(totals.amountCents)} note={`${formatAmount(totals.priceCents)} tiers + ${formatAmount(totals.overageCents)} overage`} />
        <Figure label="Requests" value={formatCount(totals.requests)} note={`${formatCount(totals.overageRequests)} over quota`} />
        <Figure label="Customers" value={formatCount(totals.customers)} note={filtered ? "matching the filters" : "with a tier or usage in the period"} />
        <Figure label="Near or over quota" value={`${formatCount(totals.nearQuota)} / ${formatCount(totals.overQuota)}`} note="near (≥ 80%) / at or over" />
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <QuotaWatchList title="Over quota" empty="Nobody reached the quota in this period." items={overQuota} total={totals.overQuota} href={watchHref("over")} rangeQuery={rangeQuery} />
        <QuotaWatchList title="Near quota" empty="Nobody is between 80% and 99% of the quota." items={nearQuota} total={totals.nearQuota} href={watchHref("near")} rangeQuery={rangeQuery} />
      </div>

      <section aria-labelledby="customers-heading" className="space-y-3">
        <h2 id="customers-heading" className="text-lg font-semibold">
          Customers
        </h2>
        <form role="search" aria-label="Filter the report" action="/billing" className="grid gap-2 sm:grid-cols-2 lg:grid-cols-[minmax(0,1fr)_auto_auto_auto_auto_auto] lg:items-end">
          {Object.entries(rangeParams).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <input type="hidden" name="sort" value={query.sort} />
          <input type="hidden" name="dir" value={query.dir} />
          <div className="min-w-0 space-y-1 sm:col-span-2 lg:col-span-1">
            <label htmlFor="q" className="text-sm font-medium">
              Customer name
            </label>
            <div className="relative">
              <Search className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
              <Input id="q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={100} placeholder="Name or company" className="pl-8" />
            </div>
          </div>
          <div className="space-y-1">
            <label htmlFor="tier" className="text-sm font-medium">
              Tier
            </label>
            <NativeSelect id="tier" name="tier" defaultValue={query.tier ?? ""}>
              <option value="">All tiers</option>
              {tierOptions.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="space-y-1">
            <label htmlFor="status" className="text-sm font-medium">
              Status
            </label>
            <NativeSelect id="status" name="status" defaultValue={query.status ?? ""}>
              {Object.entries(STATUS_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="space-y-1">
            <label htmlFor="quota" className="text-sm font-medium">
              Quota
            </label>
            <NativeSelect id="quota" name="quota" defaultValue={query.quota}>
              {Object.entries(QUOTA_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="space-y-1">
            <label htmlFor="pageSize" className="text-sm font-medium">
              Rows
            </label>
            <NativeSelect id="pageSize" name="pageSize" defaultValue={String(query.pageSize)}>
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </NativeSelect>
          </div>
          <button type="submit" className={buttonClass("default")}>
            Apply
          </button>
        </form>
        {filtered ? (
          <p className="text-sm text-muted-foreground">
            {formatCount(totals.customers)} {totals.customers === 1 ? "customer matches" : "customers match"}.{" "}
            <Link href={`/billing?${rangeQuery}`} className="text-primary underline-offset-4 hover:underline">
              Clear filters
            </Link>
          </p>
        ) : null}
        <ReportTable
          rows={rows.map((r) => ({
            customerId: r.customerId,
            name: r.name,
            company: r.company,
            status: r.status,
            spans: r.spans.map((s) => ({ tierName: s.tierName, from: s.from, to: s.to, days: s.days })),
            tierName: r.tierName,
            requests: r.requests,
            quota: r.quota,
            quotaPeriod: r.quotaPeriod,
            percentUsed: r.percentUsed,
            daysAtQuota: r.daysAtQuota,
            overageRequests: r.overageRequests,
            priceCents: r.priceCents,
            overageCents: r.overageCents,
            amountCents: r.amountCents,
          }))}
          totals={totals}
          sort={query.sort}
          dir={query.dir}
          baseQuery={baseQuery}
          rangeQuery={rangeQuery}
          filtered={filtered}
        />
        {pageCount > 1 ? (
          <nav aria-label="Pagination" className="flex items-center justify-between gap-2 text-sm">
            {current > 1 ? (
              <Link href={pageHref(current - 1)} className={buttonClass("outline", "h-8 px-3")} rel="prev">
                <ChevronLeft aria-hidden="true" /> Previous
              </Link>
            ) : (
              <span />
            )}
            <span aria-current="page">
              Page {formatCount(current)} of {formatCount(pageCount)}
            </span>
            {current < pageCount ? (
              <Link href={pageHref(current + 1)} className={buttonClass("outline", "h-8 px-3")} rel="next">
                Next <ChevronRight aria-hidden="true" />
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>

      {revenue.ok ? (
        <Card title="Recurring revenue by tier" className="max-w-3xl">
          <p className="mb-3 text-sm text-muted-foreground">Active customers today at each tier&apos;s full monthly price.</p>
          <RevenueTable rows={revenue.data} />
        </Card>
      ) : null}
    </div>
  );
}
