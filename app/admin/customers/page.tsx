import Link from "next/link";
import { ChevronLeft, ChevronRight, Search } from "lucide-react";
import { CustomersTable } from "./_components/customers-table";
import { buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { listCustomers } from "@/lib/customers/queries";

export const metadata = { title: "Customers" };
export const dynamic = "force-dynamic";

export default async function CustomersPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  const actor = await requirePagePermission("customer.list", "/admin/customers");
  const { q = "", page = "1" } = await searchParams;
  const result = await listCustomers(actor, { query: q, page: Number.parseInt(page, 10) || 1 });
  if (!result.ok) throw new Error(result.error.message);
  const { rows, total, pageCount } = result.data;
  const current = result.data.page;
  const pageHref = (p: number) => `/admin/customers?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;

  return (
    <>
      <PageHeader title="Customers" description={`${total.toLocaleString("en-US")} customer${total === 1 ? "" : "s"}`} />
      <form role="search" className="mb-4 flex flex-wrap gap-2" action="/admin/customers">
        <label htmlFor="q" className="sr-only">
          Search customers
        </label>
        <div className="relative min-w-0 flex-1 basis-56">
          <Search className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
          <Input id="q" name="q" type="search" defaultValue={q} maxLength={100} placeholder="Search by name, company or e-mail" className="pl-8" />
        </div>
        <button type="submit" className={buttonClass("default")}>
          Search
        </button>
      </form>
      <CustomersTable
        query={q}
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
        }))}
      />
      {pageCount > 1 ? (
        <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
          {current > 1 ? (
            <Link href={pageHref(current - 1)} className={buttonClass("outline", "h-8 px-3")} rel="prev">
              <ChevronLeft aria-hidden="true" /> Previous
            </Link>
          ) : (
            <span />
          )}
          <span aria-current="page">
            Page {current} of {pageCount}
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
