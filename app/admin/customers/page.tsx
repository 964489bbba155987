import Link from "next/link";
import { EndSessionsButton } from "./_components/end-sessions-button";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
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
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={100}
          placeholder="Search by name, company or e-mail"
          className="min-w-64 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        />
        <button type="submit" className={buttonClass("primary")}>
          Search
        </button>
      </form>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">Customers, newest first</caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">Customer</th>
              <th scope="col" className="px-4 py-3 font-medium">E-mail</th>
              <th scope="col" className="px-4 py-3 font-medium">Tier</th>
              <th scope="col" className="px-4 py-3 font-medium text-right">Keys</th>
              <th scope="col" className="px-4 py-3 font-medium">Signed up</th>
              <th scope="col" className="px-4 py-3 font-medium">Sessions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-4 py-6 text-center text-slate-500">
                  {q ? `No customers match “${q}”.` : "No customers yet."}
                </td>
              </tr>
            ) : (
              rows.map((c) => (
                <tr key={c.id} data-testid="customer-row">
                  <td className="px-4 py-3">
                    <span className="font-medium">{c.name}</span>
                    {c.company ? <span className="block text-slate-500">{c.company}</span> : null}
                    {c.status !== "ACTIVE" ? <Badge tone="amber">{c.status.toLowerCase()}</Badge> : null}
                  </td>
                  <td className="px-4 py-3">{c.email ?? "—"}</td>
                  <td className="px-4 py-3">{c.tierName}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{c.activeKeys}</td>
                  <td className="px-4 py-3">
                    <time dateTime={c.createdAt.toISOString()}>{c.createdAt.toISOString().slice(0, 10)}</time>
                  </td>
                  <td className="px-4 py-3">{c.userId ? <EndSessionsButton userId={c.userId} email={c.email ?? c.name} /> : "—"}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {pageCount > 1 ? (
        <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
          {current > 1 ? (
            <Link href={pageHref(current - 1)} className={buttonClass("secondary")} rel="prev">
              Previous
            </Link>
          ) : (
            <span />
          )}
          <span aria-current="page">
            Page {current} of {pageCount}
          </span>
          {current < pageCount ? (
            <Link href={pageHref(current + 1)} className={buttonClass("secondary")} rel="next">
              Next
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  );
}
