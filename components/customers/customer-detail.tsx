import Link from "next/link";
import type { ReactNode } from "react";
import { ChevronLeft, FileBarChart, ReceiptText, Settings2 } from "lucide-react";
import { AuditTable, KeysTable, OperationsTable, TierRequestsTable } from "./detail-tables";
import { EndSessionsButton, type EndSessions } from "./end-sessions-button";
import { QuotaBar } from "@/app/dashboard/usage/_components/quota-bar";
import { LazyDailyUsageChart } from "@/components/charts/lazy-daily-usage-chart";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import type { AdminCustomerDetail } from "@/lib/customers/admin-queries";
import { formatQuota, formatThrottle } from "@/lib/format/tier";
import { formatCount, formatPercent } from "@/lib/format/usage";

const STATUS_TONE = { ACTIVE: "success", SUSPENDED: "warning", DELETED: "neutral" } as const;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "never");
const minute = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** Small, non-secret audit facts as one line ("from: basic, to: premium"). */
function details(meta: unknown): string {
  if (!meta || typeof meta !== "object" || Array.isArray(meta)) return "";
  return Object.entries(meta as Record<string, unknown>)
    .filter(([, v]) => v !== null && typeof v !== "object")
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(", ");
}

/** The customer's quota this period across all its keys (the pooled quota), with the period's extensions. */
function QuotaThisPeriod({ c }: { c: AdminCustomerDetail }) {
  const pool = c.pool;
  const keys = c.keys.length;
  return (
    <Card title="Quota this period" data-testid="customer-pool">
      {!pool ? (
        <p className="text-sm text-muted-foreground">A deleted customer has no current quota.</p>
      ) : pool.quota === null || !pool.window ? (
        <p className="text-sm">
          The {c.tier.name} tier has no quota. <span className="font-medium">{formatCount(pool.used)}</span> requests today.
        </p>
      ) : (
        <div className="space-y-2 text-sm">
          <p>
            <span className="text-2xl font-semibold tabular-nums">{formatCount(pool.used)}</span> of {formatCount(pool.quota)} requests (
            {formatPercent(pool.quota > 0 ? (pool.used / pool.quota) * 100 : 100)})
          </p>
          <QuotaBar used={pool.used} quota={pool.quota} percent={pool.quota > 0 ? (pool.used / pool.quota) * 100 : 100} label={`${c.name}'s quota used this period`} />
          <p className="text-muted-foreground">
            {formatCount(pool.remaining ?? 0)} left until {minute(pool.window.end)}; counted across all {keys} key{keys === 1 ? "" : "s"}, from
            usage last synced {c.usageSyncedAt ? minute(c.usageSyncedAt) : "never"}.
          </p>
        </div>
      )}
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
  );
}

/**
 * One customer in a staff console (/admin/customers/[id] and its read-only twin /billing/customers/[id]). Everything
 * beyond reading comes from the policy (`c.rights`, decided on the server): `manage` is the admin's controls, given
 * only when the viewer may use them; `endSessions` only to a viewer allowed user.end_sessions. Key values never
 * reach this page: the portal does not keep them.
 */
export function CustomerDetail({
  c,
  basePath,
  manage,
  endSessions,
  adminHref,
}: {
  c: AdminCustomerDetail;
  /** The console's customer list, for the back link. */
  basePath: string;
  manage?: ReactNode;
  endSessions?: EndSessions;
  /** The admin console's page for this customer, linked from the read-only view for a viewer who may manage. */
  adminHref?: string;
}) {
  const liveKeys = c.keys.filter((k) => k.status === "ACTIVE" || k.status === "DISABLED" || k.status === "PENDING").length;
  const activeKeys = c.keys.filter((k) => k.status === "ACTIVE").length;
  const billingLinks = c.rights.billing ? (
    <nav aria-label={`Billing records of ${c.name}`} className="flex flex-wrap gap-2">
      <Link href={`/billing/report/${c.id}`} className={buttonClass("outline")}>
        <FileBarChart aria-hidden="true" /> Period report
      </Link>
      <Link href={`/billing/report/${c.id}/invoice`} className={buttonClass("outline")}>
        <ReceiptText aria-hidden="true" /> Invoice preview
      </Link>
      {adminHref ? (
        <Link href={adminHref} className={buttonClass("ghost")}>
          <Settings2 aria-hidden="true" /> Manage in admin console
        </Link>
      ) : null}
    </nav>
  ) : null;

  return (
    <>
      <Link href={basePath} className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
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
        actions={billingLinks}
      />
      {c.status === "SUSPENDED" ? (
        <Alert tone="warning" title="Suspended" className="mb-6">
          {c.rights.manage
            ? "This customer's keys are disabled in AWS and they cannot create or enable keys until you resume them."
            : "This customer's keys are disabled in AWS and they cannot create or enable keys until an admin resumes them."}
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
                {endSessions && c.status !== "DELETED" ? <EndSessionsButton userId={u.id} email={u.email} action={endSessions} /> : null}
              </li>
            ))}
          </ul>
        </Card>
        <div className="grid gap-6">
          {manage ? <Card title="Manage">{manage}</Card> : null}
          <QuotaThisPeriod c={c} />
        </div>
      </div>
      <Card title="Usage, last 30 days" className="mt-6">
        {c.usage.series.length ? (
          <LazyDailyUsageChart days={c.usage.days} series={c.usage.series} title="Requests per day" summary={`${formatCount(c.usage.total)} requests in the last 30 days.`} />
        ) : (
          <p className="text-sm text-muted-foreground">No usage recorded in the last 30 days.</p>
        )}
        <p className="mt-2 text-xs text-muted-foreground">From the portal&apos;s usage cache, last synced {c.usageSyncedAt ? minute(c.usageSyncedAt) : "never"}.</p>
      </Card>
      <Card title="Keys" className="mt-6">
        <KeysTable
          showAwsKeyId={c.rights.manage}
          rows={c.keys.map((k) => ({
            id: k.id,
            name: k.name,
            lastFour: k.lastFour,
            // The AWS id is for those who act on the key in AWS; the read-only view does not send it at all.
            awsKeyId: c.rights.manage ? k.awsKeyId : null,
            status: k.status,
            suspended: k.suspended,
            createdAt: k.createdAt.toISOString(),
          }))}
        />
      </Card>
      {c.operations || c.tierRequests ? (
        <div className="mt-6 grid gap-6">
          {c.operations ? (
            <Card title="Operations">
              <OperationsTable
                rows={c.operations.map((o) => ({ id: o.id, kind: o.kind, status: o.status, attempts: o.attempts, lastError: o.lastError, createdAt: o.createdAt.toISOString(), finishedAt: iso(o.finishedAt) }))}
              />
            </Card>
          ) : null}
          {c.tierRequests ? (
            <Card title="Tier requests">
              <TierRequestsTable
                rows={c.tierRequests.map((r) => ({ id: r.id, toTier: r.toTier, status: r.status, message: r.message, createdAt: r.createdAt.toISOString(), decidedAt: iso(r.decidedAt) }))}
              />
            </Card>
          ) : null}
        </div>
      ) : null}
      {c.audit ? (
        <Card title="Audit trail" className="mt-6">
          <AuditTable
            rows={c.audit.map((a) => ({ id: a.id, action: a.action, actorEmail: a.actorEmail, outcome: a.outcome, createdAt: a.createdAt.toISOString(), details: details(a.meta) }))}
          />
        </Card>
      ) : null}
    </>
  );
}
