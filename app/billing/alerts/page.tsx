import { AlertsTable } from "./_components/alerts-table";
import { FilterActions, FilterField, invalidProps } from "@/components/admin/filter-field";
import { KeysetPager } from "@/components/admin/keyset-pager";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { NativeSelect } from "@/components/ui/select";
import { filterQuery, param, type SearchParams } from "@/lib/audit/filter-schema";
import { requirePagePermission } from "@/lib/auth/guards";
import { formatCount } from "@/lib/format/usage";
import { parseQuotaAlertFilters, recentMonths } from "@/lib/quota-alerts/filter-schema";
import { quotaPeriodLabel } from "@/lib/quota-alerts/period-label";
import { listQuotaAlerts } from "@/lib/quota-alerts/queries";
import { decodeCursor } from "@/lib/validation/keyset";

export const metadata = { title: "Quota alerts" };
export const dynamic = "force-dynamic";

const monthLabel = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

export default async function QuotaAlertsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePagePermission("quota_alert.list", "/billing/alerts");
  const params = await searchParams;
  const now = new Date();
  const parsed = parseQuotaAlertFilters(params);
  const errors = parsed.ok ? {} : parsed.fieldErrors;
  const raw = parsed.raw;
  const list = parsed.ok ? await listQuotaAlerts(actor, parsed.filters, { before: decodeCursor(param(params, "before")), after: decodeCursor(param(params, "after")), now }) : null;
  if (list && !list.ok) throw new Error(list.error.message);
  const page = list?.data ?? null;
  const filters = parsed.ok ? parsed.filters : null;
  const pageHref = (side: "after" | "before", cursor: string) => `/billing/alerts?${filterQuery({ ...(filters ?? {}), [side]: cursor })}`;
  const months = recentMonths(now);

  return (
    <>
      <PageHeader
        title="Quota alerts"
        description="Customers whose pooled usage (all keys together) reached 80% or 100% of their tier's quota, when, and when they were e-mailed. Each threshold is recorded once per customer and quota period."
      />
      <form role="search" aria-label="Filter quota alerts" action="/billing/alerts" className="mb-4 grid gap-3 sm:grid-cols-3">
        <FilterField id="period" label="Quota period" errors={errors.period}>
          <NativeSelect id="period" name="period" defaultValue={raw.period} {...invalidProps("period", errors.period)}>
            <option value="">Current periods</option>
            {months.map((m) => (
              <option key={m} value={m}>
                Started in {monthLabel(m)}
              </option>
            ))}
            <option value="all">All periods</option>
            {errors.period ? <option value={raw.period}>{raw.period}</option> : null}
          </NativeSelect>
        </FilterField>
        <FilterField id="threshold" label="Threshold" errors={errors.threshold}>
          <NativeSelect id="threshold" name="threshold" defaultValue={raw.threshold} {...invalidProps("threshold", errors.threshold)}>
            <option value="">80% and 100%</option>
            <option value="80">80%</option>
            <option value="100">100% (quota used up)</option>
            {errors.threshold ? <option value={raw.threshold}>{raw.threshold}</option> : null}
          </NativeSelect>
        </FilterField>
        <FilterActions clearHref="/billing/alerts" className="flex items-end gap-2" />
      </form>

      {!parsed.ok ? (
        <Alert tone="error" title="Some filters are not valid">
          Choose the period and threshold from the lists to see the alerts.
        </Alert>
      ) : page ? (
        <>
          <AlertsTable
            filtered={Object.values(raw).some(Boolean)}
            rows={page.rows.map((a) => ({
              id: a.id,
              customerId: a.customerId,
              customerName: a.customerName,
              customerCompany: a.customerCompany,
              customerDeleted: a.customerDeleted,
              tierName: a.tierName,
              threshold: a.threshold,
              usedOfQuota: `${formatCount(a.used)} of ${formatCount(a.quota)}`,
              crossedAt: a.crossedAt.toISOString(),
              periodLabel: quotaPeriodLabel(a.period, a.periodStart),
              emailedAt: a.emailedAt?.toISOString() ?? null,
              recipients: a.recipients,
              emailError: a.emailError,
            }))}
          />
          <KeysetPager label="Quota alerts: pages" newer={page.newer} older={page.older} href={pageHref} />
        </>
      ) : null}
    </>
  );
}
