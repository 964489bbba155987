import { ChevronLeft } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RetryButton } from "../_components/retry-button";
import { StateBadge } from "../_components/state-badge";
import { UtcTime } from "@/components/admin/keyset-pager";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { auditTrailOf } from "@/lib/audit/queries";
import { requirePagePermission } from "@/lib/auth/guards";
import { kindLabel } from "@/lib/operations/admin-filter-schema";
import { getOperation } from "@/lib/operations/admin-queries";
import { idSchema } from "@/lib/validation/id";

export const metadata = { title: "Operation" };
export const dynamic = "force-dynamic";

function Json({ value }: { value: unknown }) {
  const entries = value && typeof value === "object" && !Array.isArray(value) ? Object.entries(value) : null;
  if (!entries || entries.length === 0) return <p className="text-sm text-muted-foreground">None.</p>;
  return (
    <dl className="divide-y rounded-md border text-sm">
      {entries.map(([key, v]) => (
        <div key={key} className="grid gap-1 px-3 py-2 sm:grid-cols-[12rem_minmax(0,1fr)]">
          <dt className="font-mono text-xs text-muted-foreground">{key}</dt>
          <dd className="break-words font-mono text-xs">{typeof v === "string" ? v : JSON.stringify(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function OperationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: rawId } = await params;
  const actor = await requirePagePermission("operation.list", `/admin/operations/${encodeURIComponent(rawId)}`);
  const id = idSchema.safeParse(rawId);
  if (!id.success) notFound();
  const result = await getOperation(actor, id.data);
  if (!result.ok) {
    if (result.error.code === "not_found") notFound();
    throw new Error(result.error.message);
  }
  const op = result.data;
  const trail = await auditTrailOf(actor, "operation.list", { type: "operation", id: op.id });
  const what = kindLabel(op.kind);
  const rows: [string, React.ReactNode][] = [
    ["State", <StateBadge key="s" state={op.state} compensating={op.compensating} />],
    ["Customer", op.customerId ? <Link className="text-primary underline-offset-4 hover:underline" href={`/admin/operations?customer=${op.customerId}`}>{op.customerName ?? op.customerId}</Link> : "—"],
    ["Key", op.apiKeyId ? `${op.apiKeyName ?? ""} (${op.apiKeyId})` : "—"],
    ["Attempts", op.attempts],
    ["Created", <UtcTime key="c" iso={op.createdAt.toISOString()} seconds />],
    ["Asked by", op.createdBy?.email ?? "the system"],
    ["Last updated", <UtcTime key="u" iso={op.updatedAt.toISOString()} seconds />],
    ...(op.state === "queued" || op.state === "retrying" ? ([["Runs next", <UtcTime key="r" iso={op.runAfter.toISOString()} seconds />]] as [string, React.ReactNode][]) : []),
    ...(op.lockedUntil && op.state === "running" ? ([["Claimed until", <UtcTime key="l" iso={op.lockedUntil.toISOString()} seconds />]] as [string, React.ReactNode][]) : []),
    ...(op.finishedAt ? ([["Finished", <UtcTime key="f" iso={op.finishedAt.toISOString()} seconds />]] as [string, React.ReactNode][]) : []),
    ...(op.compensatedAt ? ([["Compensated", <UtcTime key="x" iso={op.compensatedAt.toISOString()} seconds />]] as [string, React.ReactNode][]) : []),
  ];

  return (
    <>
      <Link href="/admin/operations" className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ChevronLeft className="size-4" aria-hidden="true" /> Operations
      </Link>
      <PageHeader
        title={what}
        description={<span className="font-mono text-xs">{op.id}</span>}
        actions={op.state === "failed" || op.state === "compensated" ? <RetryButton operationId={op.id} what={`${what.toLowerCase()}${op.customerName ? ` for ${op.customerName}` : ""}`} /> : null}
      />
      {op.lastError ? (
        <Alert tone={op.state === "succeeded" ? "info" : "error"} title="Last error" className="mb-6">
          <span className="break-words font-mono text-xs">{op.lastError}</span>
        </Alert>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="facts" className="min-w-0">
          <h2 id="facts" className="mb-2 font-semibold">
            Details
          </h2>
          <dl className="divide-y rounded-md border bg-card text-sm">
            {rows.map(([label, value]) => (
              <div key={label} className="grid grid-cols-[8rem_minmax(0,1fr)] gap-2 px-3 py-2">
                <dt className="text-muted-foreground">{label}</dt>
                <dd className="break-words">{value}</dd>
              </div>
            ))}
          </dl>
        </section>
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="input">
            <h2 id="input" className="mb-2 font-semibold">
              Input
            </h2>
            <Json value={op.input} />
          </section>
          <section aria-labelledby="steps">
            <h2 id="steps" className="mb-2 font-semibold">
              Saved steps
            </h2>
            <p className="mb-2 text-xs text-muted-foreground">The progress a resumed run or a retry continues from.</p>
            <Json value={op.steps} />
          </section>
        </div>
      </div>
      <section aria-labelledby="trail" className="mt-6">
        <h2 id="trail" className="mb-2 font-semibold">
          Audit trail
        </h2>
        {trail.ok && trail.data.length ? (
          <ul className="divide-y rounded-md border bg-card text-sm">
            {trail.data.map((e) => (
              <li key={e.id} className="flex flex-wrap justify-between gap-2 px-3 py-2">
                <span>
                  <span className="font-mono text-xs">{e.action}</span> by {e.actorEmail ?? "the system"} ({e.outcome})
                </span>
                <UtcTime iso={e.createdAt.toISOString()} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">No admin action on this operation yet.</p>
        )}
      </section>
    </>
  );
}
