import Link from "next/link";
import { Suspense } from "react";
import { ChevronLeft, ChevronRight, Search } from "lucide-react";
import { ImportForm } from "./_components/import-form";
import { UnownedKeysTable } from "./_components/unowned-keys-table";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import type { Actor } from "@/lib/policy/actor";
import { requirePagePermission } from "@/lib/auth/guards";
import { adoptionTiers, listUnownedKeys, type AdoptionTier } from "@/lib/keys/adopt-keys";
import { unownedKeysQuerySchema } from "@/lib/keys/adopt.schema";

export const metadata = { title: "Adopt keys" };
export const dynamic = "force-dynamic";

// The guard runs before anything streams (so a refused visitor gets its 403 or sign-in redirect, not a 200 shell);
// the slow part, listing the account's keys and plans in AWS, streams in behind a skeleton.
export default async function AdoptKeysPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("key.unowned_list", "/admin/keys");
  const { q, page } = unownedKeysQuerySchema.parse(await searchParams);
  const tiers = await adoptionTiers(actor);
  if (!tiers.ok) throw new Error(tiers.error.message);

  return (
    <>
      <PageHeader
        title="Adopt keys"
        description="API keys that exist in your AWS account but not in the portal: give each to a customer without changing its value, or import keys from a file."
      />
      <section aria-labelledby="unowned-heading" className="space-y-4">
        <h2 id="unowned-heading" className="text-lg font-semibold">
          Keys not owned by the portal
        </h2>
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
        <Suspense key={`${q}|${page}`} fallback={<ListSkeleton />}>
          <UnownedKeys actor={actor} q={q} page={page} tiers={tiers.data} />
        </Suspense>
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

function ListSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading the account's keys" className="space-y-2">
      <Skeleton className="h-4 w-40" />
      {Array.from({ length: 5 }, (_, i) => (
        <Skeleton key={i} className="h-12 w-full" />
      ))}
    </div>
  );
}

async function UnownedKeys({ actor, q, page, tiers }: { actor: Actor; q: string; page: number; tiers: AdoptionTier[] }) {
  const list = await listUnownedKeys(actor, { query: q, page });
  if (!list.ok) {
    return (
      <Alert tone="error" title="The account's keys could not be listed">
        {list.error.message}
      </Alert>
    );
  }
  const pageHref = (p: number) => `/admin/keys?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <>
      <p className="text-sm text-muted-foreground" data-testid="unowned-count">
        {list.data.total.toLocaleString("en-US")} of {list.data.accountTotal.toLocaleString("en-US")} keys in the account
      </p>
      <UnownedKeysTable query={q} tiers={tiers} rows={list.data.keys.map((k) => ({ ...k, createdAt: k.createdAt?.toISOString() ?? null }))} />
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
  );
}
