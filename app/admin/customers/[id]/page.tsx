import Link from "next/link";
import { notFound } from "next/navigation";
import { ChevronLeft } from "lucide-react";
import { EndSessionsButton } from "../_components/end-sessions-button";
import { CustomerActions } from "./_components/customer-actions";
import { AuditTable, KeysTable, OperationsTable, TierRequestsTable } from "./_components/detail-tables";
import { LazyDailyUsageChart } from "@/components/charts/lazy-daily-usage-chart";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { getAdminCustomer } from "@/lib/customers/admin-queries";
import { formatQuota, formatThrottle } from "@/lib/format/tier";
import { formatCount } from "@/lib/format/usage";
import { idSchema } from "@/lib/validation/id";

export const metadata = { title: "Customer" };
export const dynamic = "force-dynamic";

const STATUS_TONE = { ACTIVE: "success", SUSPENDED: "warning", DELETED: "neutral" } as const;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "never");

/** Small, non-secret audit facts as one line ("from: basic, to: premium"). */
function details(meta: unknown): string {
  if (!meta || typeof meta !== "object" || Array.isArray(meta)) return "";
  return Object.entries(meta as Record<string, unknown>)
    .filter(([, v]) => v !== null && typeof v !== "object")
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(", ");
}

export default async function CustomerDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePagePermission("customer.read", `/admin/customers/${encodeURIComponent(id)}`);
  if (!idSchema.safeParse(id).success) notFound();
  const result = await getAdminCustomer(actor, id);
  if (!result.ok) {
    if (result.error.code === "not_found") notFound();
    throw new Error(result.error.message);
  }
  const c = result.data;
  const liveKeys = c.keys.filter((k) => k.status === "ACTIVE" || k.status === "DISABLED" || k.status === "PENDING").length;
  const activeKeys = c.keys.filter((k) => k.status === "ACTIVE").length;

  return (
    <>
      <Link href="/admin/customers" className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ChevronLeft className="size-4" aria-hidden="true" /> Customers
      </Link>
      <PageHeader
        title={c.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {c.company ? <span>{c.company}</span> : null}
            <Badge tone={STATUS_TONE[c.status]} data-testid="customer-status">
              {c.status.toLowerCase()}
            </Badge>
          </span>
        }
      />
      {c.status === "SUSPENDED" ? (
        <Alert tone="warning" title="Suspended" className="mb-6">
          This customer&apos;s keys are disabled in AWS and they cannot create or enable keys until you resume them.
        </Alert>
      ) : null}
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Card title="Profile" className="lg:col-span-2">
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-muted-foreground">Tier</dt>
              <dd className="font-medium" data-testid="customer-tier">
                {c.tier.name}
                {c.tier.visibility === "APPROVAL" ? " (approval)" : ""}
              </dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Quota</dt>
              <dd>{formatQuota(c.tier.quotaLimit, c.tier.quotaPeriod)}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Rate limit</dt>
              <dd>{formatThrottle(c.tier.rateLimit, c.tier.burstLimit)}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Keys</dt>
              <dd>
                {activeKeys} active, {liveKeys} live of {c.tier.maxKeys}
              </dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Signed up</dt>
              <dd>{day(c.createdAt)}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Customer id</dt>
              <dd className="break-all font-mono text-xs">{c.id}</dd>
            </div>
          </dl>
          <h3 className="mb-2 mt-5 text-sm font-semibold">Users</h3>
          <ul className="divide-y rounded-md border">
            {c.users.map((u) => (
              <li key={u.id} className="flex flex-wrap items-start justify-between gap-3 p-3 text-sm">
                <div className="min-w-0">
                  <p className="break-all font-medium">{u.email}</p>
                  <p className="text-muted-foreground">
                    {u.name} · last sign-in {day(u.lastSignInAt)} · {u.liveSessions} live session{u.liveSessions === 1 ? "" : "s"}
                  </p>
                </div>
                {c.status !== "DELETED" ? <EndSessionsButton userId={u.id} email={u.email} /> : null}
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Manage">
          <CustomerActions
            customerId={c.id}
            name={c.name}
            status={c.status}
            tierId={c.tier.id}
            tierName={c.tier.name}
            hasQuota={c.tier.quotaLimit !== null}
            quotaPeriod={c.tier.quotaPeriod}
            liveKeys={activeKeys}
            tiers={c.tiers}
          />
          {c.extensions.length ? (
            <div className="mt-5 text-sm" data-testid="quota-extensions">
              <h3 className="mb-1 font-semibold">Extensions this period</h3>
              <ul className="space-y-1">
                {c.extensions.map((e) => (
                  <li key={e.id}>
                    +{formatCount(e.extra)} requests per key until {e.periodEnd}
                    {e.reason ? <span className="text-muted-foreground"> — {e.reason}</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </Card>
      </div>
      <Card title="Usage, last 30 days" className="mt-6">
        {c.usage.series.length ? (
          <LazyDailyUsageChart
            days={c.usage.days}
            series={c.usage.series}
            title="Requests per day"
            summary={`${formatCount(c.usage.total)} requests in the last 30 days.`}
          />
        ) : (
          <p className="text-sm text-muted-foreground">No usage recorded in the last 30 days.</p>
        )}
        <p className="mt-2 text-xs text-muted-foreground">From the portal&apos;s usage cache, last synced {c.usageSyncedAt ? `${c.usageSyncedAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "never"}.</p>
      </Card>
      <Card title="Keys" className="mt-6">
        <KeysTable
          rows={c.keys.map((k) => ({ id: k.id, name: k.name, lastFour: k.lastFour, awsKeyId: k.awsKeyId, status: k.status, suspended: k.suspended, createdAt: k.createdAt.toISOString() }))}
        />
      </Card>
      <div className="mt-6 grid gap-6">
        <Card title="Operations">
          <OperationsTable
            rows={c.operations.map((o) => ({ id: o.id, kind: o.kind, status: o.status, attempts: o.attempts, lastError: o.lastError, createdAt: o.createdAt.toISOString(), finishedAt: iso(o.finishedAt) }))}
          />
        </Card>
        <Card title="Tier requests">
          <TierRequestsTable
            rows={c.tierRequests.map((r) => ({ id: r.id, toTier: r.toTier, status: r.status, message: r.message, createdAt: r.createdAt.toISOString(), decidedAt: iso(r.decidedAt) }))}
          />
        </Card>
      </div>
      <Card title="Audit trail" className="mt-6">
        <AuditTable
          rows={c.audit.map((a) => ({ id: a.id, action: a.action, actorEmail: a.actorEmail, outcome: a.outcome, createdAt: a.createdAt.toISOString(), details: details(a.meta) }))}
        />
      </Card>
    </>
  );
}
