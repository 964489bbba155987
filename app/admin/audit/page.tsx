import { Download } from "lucide-react";
import { AuditTable } from "./_components/audit-table";
import { FilterActions, FilterField, invalidProps } from "@/components/admin/filter-field";
import { KeysetPager } from "@/components/admin/keyset-pager";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { NativeSelect } from "@/components/ui/select";
import { AUDIT_ACTIONS, filterQuery, param, parseAuditFilters, type SearchParams } from "@/lib/audit/filter-schema";
import { listAuditEntries } from "@/lib/audit/queries";
import { requirePagePermission } from "@/lib/auth/guards";
import { decodeCursor } from "@/lib/validation/keyset";

export const metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePagePermission("audit.read", "/admin/audit");
  const params = await searchParams;
  const parsed = parseAuditFilters(params);
  const errors = parsed.ok ? {} : parsed.fieldErrors;
  const raw = parsed.raw;
  const list = parsed.ok ? await listAuditEntries(actor, parsed.filters, { before: decodeCursor(param(params, "before")), after: decodeCursor(param(params, "after")) }) : null;
  if (list && !list.ok) throw new Error(list.error.message);
  const page = list?.data ?? null;
  const filters = parsed.ok ? parsed.filters : null;
  const pageHref = (side: "after" | "before", cursor: string) => `/admin/audit?${filterQuery({ ...(filters ?? {}), [side]: cursor })}`;
  const exportHref = filters ? `/admin/audit/export?${filterQuery(filters)}` : null;

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every privileged or security-relevant action, append-only: the database refuses changes and deletions."
        actions={
          exportHref ? (
            <a href={exportHref} className={buttonClass("outline")} download>
              <Download aria-hidden="true" /> Export CSV
            </a>
          ) : null
        }
      />
      <form role="search" aria-label="Filter the audit log" action="/admin/audit" className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <FilterField id="actor" label="Actor (e-mail or user id)" errors={errors.actor}>
          <Input id="actor" name="actor" type="search" defaultValue={raw.actor} maxLength={1000} {...invalidProps("actor", errors.actor)} />
        </FilterField>
        <FilterField id="action" label="Action" errors={errors.action}>
          <NativeSelect id="action" name="action" defaultValue={raw.action} {...invalidProps("action", errors.action)}>
            <option value="">Any action</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
            {errors.action ? <option value={raw.action}>{raw.action}</option> : null}
          </NativeSelect>
        </FilterField>
        <FilterField id="customer" label="Customer (name, company, e-mail or id)" errors={errors.customer}>
          <Input id="customer" name="customer" type="search" defaultValue={raw.customer} maxLength={400} {...invalidProps("customer", errors.customer)} />
        </FilterField>
        <FilterField id="from" label="From (UTC day)" errors={errors.from}>
          <Input id="from" name="from" type="date" defaultValue={raw.from} min="2000-01-01" max="2100-12-31" {...invalidProps("from", errors.from)} />
        </FilterField>
        <FilterField id="to" label="To (UTC day, inclusive)" errors={errors.to}>
          <Input id="to" name="to" type="date" defaultValue={raw.to} min="2000-01-01" max="2100-12-31" {...invalidProps("to", errors.to)} />
        </FilterField>
        <FilterField id="outcome" label="Outcome" errors={errors.outcome}>
          <NativeSelect id="outcome" name="outcome" defaultValue={raw.outcome} {...invalidProps("outcome", errors.outcome)}>
            <option value="">Any outcome</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
            {errors.outcome ? <option value={raw.outcome}>{raw.outcome}</option> : null}
          </NativeSelect>
        </FilterField>
        <FilterActions clearHref="/admin/audit" className="flex gap-2 sm:col-span-2 lg:col-span-3" />
      </form>

      {!parsed.ok ? (
        <Alert tone="error" title="Some filters are not valid">
          Correct the highlighted fields to see entries and to export them.
        </Alert>
      ) : page ? (
        <>
          {page.customersTruncated ? (
            <Alert tone="warning" className="mb-4">
              Many customers match “{raw.customer}”; only the 200 newest are included. Type more of the name or e-mail.
            </Alert>
          ) : null}
          <AuditTable
            filtered={Object.values(raw).some(Boolean)}
            rows={page.rows.map((e) => ({
              id: e.id,
              createdAt: e.createdAt.toISOString(),
              action: e.action,
              outcome: e.outcome,
              actorEmail: e.actorEmail,
              actorRole: e.actorRole,
              targetType: e.targetType,
              targetId: e.targetId,
              customerId: e.customerId,
              customerName: e.customerName,
              meta: e.meta === null ? null : JSON.stringify(e.meta),
            }))}
          />
          <KeysetPager label="Audit log: pages" newer={page.newer} older={page.older} href={pageHref} />
        </>
      ) : null}
    </>
  );
}
