import Link from "next/link";
import { OperationsTable } from "./_components/operations-table";
import { ReconcilePanel } from "./_components/reconcile-panel";
import { ShardFill } from "./_components/shard-fill";
import { FilterActions, FilterField, invalidProps } from "@/components/admin/filter-field";
import { KeysetPager } from "@/components/admin/keyset-pager";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { NativeSelect } from "@/components/ui/select";
import { filterQuery, param, type SearchParams } from "@/lib/audit/filter-schema";
import { requirePagePermission } from "@/lib/auth/guards";
import { kindLabel, OPERATION_KINDS, OPERATION_STATES, parseOperationFilters, stateLabels } from "@/lib/operations/admin-filter-schema";
import { listOperations } from "@/lib/operations/admin-queries";
import { lastReconcile } from "@/lib/operations/admin-reconcile";
import { shardFillFor } from "@/lib/shards/queries";
import { decodeCursor } from "@/lib/validation/keyset";

export const metadata = { title: "Operations" };
export const dynamic = "force-dynamic";

export default async function OperationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePagePermission("operation.list", "/admin/operations");
  const params = await searchParams;
  const parsed = parseOperationFilters(params);
  const errors = parsed.ok ? {} : parsed.fieldErrors;
  const raw = parsed.raw;
  const [list, last, shards] = await Promise.all([
    parsed.ok ? listOperations(actor, parsed.filters, { before: decodeCursor(param(params, "before")), after: decodeCursor(param(params, "after")) }) : Promise.resolve(null),
    lastReconcile(actor),
    shardFillFor(actor),
  ]);
  if (!shards.ok) throw new Error(shards.error.message);
  if (list && !list.ok) throw new Error(list.error.message);
  if (!last.ok) throw new Error(last.error.message);
  const page = list?.data ?? null;
  const lastEntry = last.data;
  const lastText = lastEntry
    ? `${lastEntry.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC by ${lastEntry.actorEmail ?? "the system"}${
        lastEntry.meta && typeof lastEntry.meta === "object" && "repaired" in lastEntry.meta ? `, ${String(lastEntry.meta.repaired)} repaired` : ""
      }`
    : null;
  const filters = parsed.ok ? parsed.filters : null;
  const pageHref = (side: "after" | "before", cursor: string) => `/admin/operations?${filterQuery({ ...(filters ?? {}), [side]: cursor })}`;
  const counts = page?.counts;

  return (
    <>
      <PageHeader title="Operations" description="Durable changes to AWS: recorded before any call, retried with backoff, compensated when they cannot finish." />
      <ReconcilePanel last={lastText} />
      <ShardFill shards={shards.data} />

      {counts ? (
        <ul aria-label="Operations by state" className="mb-4 flex flex-wrap gap-2 text-sm">
          {OPERATION_STATES.map((state) => (
            <li key={state}>
              <Link
                href={`/admin/operations?${filterQuery({ ...(filters ?? {}), status: filters?.status === state ? "" : state })}`}
                aria-current={filters?.status === state ? "true" : undefined}
                className={buttonClass(filters?.status === state ? "secondary" : "outline", "h-8 px-3 text-xs")}
              >
                {stateLabels[state]} <span className="tabular-nums text-muted-foreground">{counts[state].toLocaleString("en-US")}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}

      <form role="search" aria-label="Filter operations" action="/admin/operations" className="mb-4 grid gap-3 sm:grid-cols-[10rem_12rem_minmax(0,1fr)_auto] sm:items-start">
        <FilterField id="status" label="State" errors={errors.status}>
          <NativeSelect id="status" name="status" defaultValue={raw.status} {...invalidProps("status", errors.status)}>
            <option value="">Any state</option>
            {OPERATION_STATES.map((state) => (
              <option key={state} value={state}>
                {stateLabels[state]}
              </option>
            ))}
            {errors.status ? <option value={raw.status}>{raw.status}</option> : null}
          </NativeSelect>
        </FilterField>
        <FilterField id="kind" label="Kind" errors={errors.kind}>
          <NativeSelect id="kind" name="kind" defaultValue={raw.kind} {...invalidProps("kind", errors.kind)}>
            <option value="">Any kind</option>
            {OPERATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kindLabel(kind)}
              </option>
            ))}
            {errors.kind ? <option value={raw.kind}>{raw.kind}</option> : null}
          </NativeSelect>
        </FilterField>
        <FilterField id="customer" label="Customer (name, company, e-mail or id)" errors={errors.customer}>
          <Input id="customer" name="customer" type="search" defaultValue={raw.customer} maxLength={400} {...invalidProps("customer", errors.customer)} />
        </FilterField>
        <FilterActions clearHref="/admin/operations" className="flex gap-2 sm:pt-5" />
      </form>

      {!parsed.ok ? (
        <Alert tone="error" title="Some filters are not valid">
          Correct the highlighted fields to see operations.
        </Alert>
      ) : page ? (
        <>
          {page.customersTruncated ? (
            <Alert tone="warning" className="mb-4">
              Many customers match “{raw.customer}”; only the 200 newest are included. Type more of the name or e-mail.
            </Alert>
          ) : null}
          <OperationsTable
            filtered={Boolean(raw.status || raw.kind || raw.customer)}
            rows={page.rows.map((op) => ({
              id: op.id,
              kindLabel: kindLabel(op.kind),
              state: op.state,
              compensating: op.compensating,
              customerId: op.customerId,
              customerName: op.customerName,
              apiKeyName: op.apiKeyName,
              attempts: op.attempts,
              lastError: op.lastError,
              createdAt: op.createdAt.toISOString(),
              runAfter: op.runAfter.toISOString(),
            }))}
          />
          <KeysetPager label="Operations: pages" newer={page.newer} older={page.older} href={pageHref} />
        </>
      ) : null}
    </>
  );
}
