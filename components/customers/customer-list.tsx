import Link from "next/link";
import { ChevronLeft, ChevronRight, Search } from "lucide-react";
import type { EndSessions } from "./end-sessions-button";
import { CustomersTable } from "./customers-table";
import { buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { NativeSelect } from "@/components/ui/select";
import { listTierOptions } from "@/lib/customers/admin-queries";
import { customerListParamsSchema } from "@/lib/customers/admin-schemas";
import { listCustomers } from "@/lib/customers/queries";
import type { Actor } from "@/lib/policy/actor";

const STATUS_LABELS = { all: "Active and suspended", active: "Active", suspended: "Suspended", deleted: "Deleted" } as const;

/**
 * The customer list of a staff console (/admin/customers, /billing/customers): search, filters and pages in the URL.
 * What the viewer may do beyond reading comes from the page, decided from the policy: `endSessions` only for a viewer
 * allowed user.end_sessions; `showUsage` adds the pooled usage of the quota period.
 */
export async function CustomerList({
  actor,
  searchParams,
  basePath,
  endSessions,
  showUsage = false,
}: {
  actor: Actor;
  searchParams: Record<string, string | string[] | undefined>;
  basePath: string;
  endSessions?: EndSessions;
  showUsage?: boolean;
}) {
  const params = customerListParamsSchema.parse(Object.fromEntries(Object.entries(searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const q = params.q ?? "";
  const status = params.status ?? "all";
  const [result, tiers] = await Promise.all([
    listCustomers(actor, { query: q, page: params.page ?? 1, tierId: params.tier, status, usage: showUsage }),
    listTierOptions(actor),
  ]);
  if (!result.ok) throw new Error(result.error.message);
  const tierOptions = tiers.ok ? tiers.data : [];
  const { rows, total, pageCount } = result.data;
  const current = result.data.page;
  const filters = { ...(q ? { q } : {}), ...(params.tier ? { tier: params.tier } : {}), ...(status !== "all" ? { status } : {}) };
  const pageHref = (p: number) => `${basePath}?${new URLSearchParams({ ...filters, page: String(p) })}`;
  const filtered = Boolean(q || params.tier || status !== "all");

  return (
    <>
      <PageHeader title="Customers" description={`${total.toLocaleString("en-US")} customer${total === 1 ? "" : "s"}${filtered ? " match" : ""}`} />
      <form role="search" className="mb-4 grid gap-2 sm:grid-cols-[minmax(0,1fr)_auto_auto_auto] sm:items-end" action={basePath}>
        <div className="min-w-0 space-y-1">
          <label htmlFor="q" className="text-sm font-medium">
            Search customers
          </label>
          <div className="relative">
            <Search className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
            <Input id="q" name="q" type="search" defaultValue={q} maxLength={100} placeholder="Name, company or e-mail" className="pl-8" />
          </div>
        </div>
        <div className="space-y-1">
          <label htmlFor="tier" className="text-sm font-medium">
            Tier
          </label>
          <NativeSelect id="tier" name="tier" defaultValue={params.tier ?? ""}>
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
          <NativeSelect id="status" name="status" defaultValue={status}>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </NativeSelect>
        </div>
        <button type="submit" className={buttonClass("default")}>
          Search
        </button>
      </form>
      <CustomersTable
        filtered={filtered}
        query={q}
        basePath={basePath}
        endSessions={endSessions}
        showUsage={showUsage}
        rows={rows.map((c) => ({
          id: c.id,
          name: c.name,
          company: c.company,
          status: c.status,
          email: c.email,
          tierName: c.tierName,
          activeKeys: c.activeKeys,
          createdAt: c.createdAt.toISOString(),
          userId: c.userId,
          ...(c.usage !== undefined ? { usage: c.usage } : {}),
        }))}
      />
      {pageCount > 1 ? (
        <nav aria-label="Pagination" className="mt-4 flex items-center justify-between gap-2 text-sm">
          {current > 1 ? (
            <Link href={pageHref(current - 1)} className={buttonClass("outline", "h-8 px-3")} rel="prev">
              <ChevronLeft aria-hidden="true" /> Previous
            </Link>
          ) : (
            <span />
          )}
          <span aria-current="page">
            Page {current.toLocaleString("en-US")} of {pageCount.toLocaleString("en-US")}
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
    </>
  );
}
