import Link from "next/link";
import { ChevronLeft, ChevronRight, Search } from "lucide-react";
import { ImportForm } from "./_components/import-form";
import { UnownedKeysTable } from "./_components/unowned-keys-table";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { adoptionTiers, listUnownedKeys } from "@/lib/keys/adopt-keys";
import { unownedKeysQuerySchema } from "@/lib/keys/adopt.schema";

export const metadata = { title: "Adopt keys" };
export const dynamic = "force-dynamic";

export default async function AdoptKeysPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("key.unowned_list", "/admin/keys");
  const { q, page } = unownedKeysQuerySchema.parse(await searchParams);
  const [list, tiers] = await Promise.all([listUnownedKeys(actor, { query: q, page }), adoptionTiers(actor)]);
  if (!tiers.ok) throw new Error(tiers.error.message);
  const pageHref = (p: number) => `/admin/keys?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;

  return (
    <>
      <PageHeader
        title="Adopt keys"
        description="API keys that exist in your AWS account but not in the portal: give each to a customer without changing its value, or import keys from a file."
      />
      <section aria-labelledby="unowned-heading" className="space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <h2 id="unowned-heading" className="text-lg font-semibold">
            Keys not owned by the portal
          </h2>
          {list.ok ? (
            <p className="text-sm text-muted-foreground" data-testid="unowned-count">
              {list.data.total.toLocaleString("en-US")} of {list.data.accountTotal.toLocaleString("en-US")} keys in the account
            </p>
          ) : null}
        </div>
        <form role="search" className="flex flex-wrap gap-2" action="/admin/keys">
          <label htmlFor="q" className="sr-only">
            Search keys
          </label>
          <div className="relative min-w-0 flex-1 basis-56">
            <Search className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
            <Input id="q" name="q" type="search" defaultValue={q} maxLength={100} placeholder="Search by name, id or description" className="pl-8" />
          </div>
          <button type="submit" className={buttonClass("default")}>
            Search
          </button>
        </form>
        {list.ok ? (
          <>
            <UnownedKeysTable
              query={q}
              tiers={tiers.data}
              rows={list.data.keys.map((k) => ({ ...k, createdAt: k.createdAt?.toISOString() ?? null }))}
            />
            {list.data.pageCount > 1 ? (
              <nav aria-label="Pagination" className="flex items-center justify-between text-sm">
                {list.data.page > 1 ? (
                  <Link href={pageHref(list.data.page - 1)} className={buttonClass("outline", "h-8 px-3")} rel="prev">
                    <ChevronLeft aria-hidden="true" /> Previous
                  </Link>
                ) : (
                  <span />
                )}
                <span aria-current="page">
                  Page {list.data.page} of {list.data.pageCount}
                </span>
                {list.data.page < list.data.pageCount ? (
                  <Link href={pageHref(list.data.page + 1)} className={buttonClass("outline", "h-8 px-3")} rel="next">
                    Next <ChevronRight aria-hidden="true" />
                  </Link>
                ) : (
                  <span />
                )}
              </nav>
            ) : null}
          </>
        ) : (
          <Alert tone="error" title="The account's keys could not be listed">
            {list.error.message}
          </Alert>
        )}
      </section>
      <section aria-labelledby="import-heading" className="mt-10 space-y-4">
        <h2 id="import-heading" className="text-lg font-semibold">
          Import keys from a file
        </h2>
        <ImportForm tiers={tiers.data} />
      </section>
    </>
  );
}
