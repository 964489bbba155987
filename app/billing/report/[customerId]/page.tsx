import Link from "next/link";
import { notFound } from "next/navigation";
import { ChevronLeft, Download, FileText } from "lucide-react";
import { AmountTable, DaysTable, KeysTable, SpansTable } from "./_components/detail-tables";
import { LazyPeriodChart } from "./_components/lazy-period-chart";
import { Figure } from "../../_components/figure";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { customerPeriod } from "@/lib/billing/period-report";
import { formatAmount, formatDayRange, formatOveragePrice, formatShare } from "@/lib/format/billing";
import { formatQuota } from "@/lib/format/tier";
import { formatCount } from "@/lib/format/usage";
import { can } from "@/lib/policy/authorize";
import { idSchema } from "@/lib/validation/id";

export const metadata = { title: "Customer period" };
export const dynamic = "force-dynamic";

const STATUS_TONE = { ACTIVE: "success", SUSPENDED: "warning", DELETED: "neutral" } as const;

export default async function CustomerPeriodPage({
  params,
  searchParams,
}: {
  params: Promise<{ customerId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { customerId } = await params;
  const actor = await requirePagePermission("billing.read", `/billing/report/${encodeURIComponent(customerId)}`);
  if (!idSchema.safeParse(customerId).success) notFound();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const rangeInput = { month: raw.month, from: raw.from, to: raw.to };
  const result = await customerPeriod(actor, customerId, rangeInput);
  if (!result.ok) {
    if (result.error.code === "not_found") notFound();
    if (result.error.code !== "invalid") throw new Error(result.error.message);
    return (
      <>
        <Link href="/billing" className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ChevronLeft className="size-4" aria-hidden="true" /> Period report
        </Link>
        <PageHeader title="Customer period" />
        <Alert tone="error" title="This period cannot be shown" data-testid="range-error">
          {result.error.message}
        </Alert>
      </>
    );
  }
  const p = result.data;
  const rangeQuery = new URLSearchParams(
    rangeInput.from && rangeInput.to ? { from: p.range.from, to: p.range.to } : { month: p.range.from.slice(0, 7) },
  ).toString();
  const chartDays = p.days.map((d) => d.day);
  const tierName = p.spans.at(-1)?.tierName ?? null;

  return (
    <>
      <Link href={`/billing?${rangeQuery}`} className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ChevronLeft className="size-4" aria-hidden="true" /> Period report
      </Link>
      <PageHeader
        title={p.customer.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span>{formatDayRange(p.range.from, p.range.to)}</span>
            {p.customer.company ? <span>· {p.customer.company}</span> : null}
            <Badge tone={STATUS_TONE[p.customer.status]} data-testid="customer-status">
              {p.customer.status.toLowerCase()}
            </Badge>
          </span>
        }
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href={`/billing/report/${encodeURIComponent(p.customer.id)}/invoice?${new URLSearchParams({ from: p.range.from, to: p.range.to }).toString()}`} className={buttonClass("outline")}>
              <FileText aria-hidden="true" /> Invoice preview
            </Link>
            {can(actor, "billing.export") ? (
              <a href={`/billing/export/daily-usage.csv?${new URLSearchParams({ from: p.range.from, to: p.range.to, customerId: p.customer.id }).toString()}`} className={buttonClass("outline")} download>
                <Download aria-hidden="true" /> Export daily usage (CSV)
              </a>
            ) : null}
          </div>
        }
      />

      <section aria-label="Figures" className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Figure label="Amount" value={formatAmount(p.amount.totalCents)} note={`${formatAmount(p.amount.priceCents)} tiers + ${formatAmount(p.amount.overageCents)} overage`} />
        <Figure label="Requests" value={formatCount(p.requests)} note={`all keys, ${formatCount(p.keys.length)} listed below`} />
        <Figure
          label="Pooled quota"
          value={p.tier ? formatQuota(p.tier.quotaLimit, p.tier.quotaPeriod) : "No tier"}
          note={`peak ${formatShare(p.percentUsed)} used · ${p.tier ? formatOveragePrice(p.tier.overageCentsPer1k) : "—"}`}
        />
        <Figure label="Days at quota" value={formatCount(p.daysAtQuota)} note={`${formatCount(p.overageRequests)} requests over quota`} />
      </section>

      <div className="space-y-6">
        <Card title="Tiers in the period">
          <SpansTable spans={p.spans} />
        </Card>

        <Card title="Requests per day">
          <LazyPeriodChart
            days={chartDays}
            used={p.days.map((d) => d.used)}
            dailyQuota={p.days.map((d) => (d.period === "DAY" ? d.quota : null))}
            atQuota={p.days.map((d) => d.atQuota)}
            summary={`${formatCount(p.requests)} requests in ${formatDayRange(p.range.from, p.range.to)}${tierName ? ` on ${tierName}` : ""}.`}
          />
          <details className="mt-4">
            <summary className="cursor-pointer text-sm font-medium text-primary">Show the days as a table</summary>
            <div className="mt-3">
              <DaysTable days={p.days.map((d) => ({ ...d, tierName: p.spans.find((s) => s.tierId === d.tierId)?.tierName ?? null }))} />
            </div>
          </details>
        </Card>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Keys">
            <KeysTable keys={p.keys.map((k) => ({ id: k.apiKeyId, name: k.name, status: k.status, requests: k.requests }))} />
          </Card>
          <Card title="Amount">
            <AmountTable lines={p.amount.lines} totalCents={p.amount.totalCents} />
          </Card>
        </div>
      </div>
    </>
  );
}
