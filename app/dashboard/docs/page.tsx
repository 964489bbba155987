import Link from "next/link";
import { Suspense } from "react";
import { DocsSkeleton } from "./_components/docs-skeleton";
import { OperationCard } from "./_components/operation-card";
import { OperationsNav, tagSectionId } from "./_components/operations-nav";
import type { TryKey } from "./_components/try-it-console";
import { WrappedCode } from "@/components/docs/wrapped-code";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { getApiDocs } from "@/lib/docs/queries";
import { formatApiVersion } from "@/lib/format/version";
import { listOwnKeys } from "@/lib/keys/queries";
import type { Actor } from "@/lib/policy/actor";

export const metadata = { title: "API docs" };
export const dynamic = "force-dynamic";

// The permission check runs before anything streams, so a refused visitor gets a real redirect or 403; the
// documentation itself loads inside Suspense behind a skeleton.
export default async function ApiDocsPage() {
  const actor = await requirePagePermission("docs.read", "/dashboard/docs");
  return (
    <Suspense fallback={<DocsSkeleton />}>
      <ApiDocsContent actor={actor} />
    </Suspense>
  );
}

async function ApiDocsContent({ actor }: { actor: Actor }) {
  const [published, ownKeys] = await Promise.all([getApiDocs(actor), listOwnKeys(actor)]);

  if (!published.ok) {
    return (
      <>
        <PageHeader title="API docs" />
        <Alert tone="error" title="The documentation is not available right now">
          <p>{published.error.message}</p>
          <p className="mt-2">
            <Link href="/dashboard/docs" className="font-medium underline">
              Try again
            </Link>
          </p>
        </Alert>
      </>
    );
  }

  const { docs, baseUrl } = published.data;
  const keys: TryKey[] = ownKeys.ok
    ? ownKeys.data.filter((k) => k.status === "ACTIVE").map((k) => ({ id: k.id, name: k.name, lastFour: k.lastFour }))
    : [];
  const routes = docs.operations.map((o) => ({ method: o.method, path: o.path }));

  return (
    <>
      <PageHeader
        title={docs.title}
        description={
          <>
            {docs.description ?? "Reference for every operation of the API, with a console to try each one with your own key."}
            {formatApiVersion(docs.version) ? <span className="mt-1 block text-sm text-muted-foreground">{formatApiVersion(docs.version)}</span> : null}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[15rem_minmax(0,1fr)]">
        <OperationsNav tags={docs.tags} operations={docs.operations} />
        <div className="min-w-0 space-y-8">
          <Card title="Getting started">
            <div className="space-y-3 text-sm text-slate-700">
              <p>Send every request to this base URL, followed by the operation&apos;s path:</p>
              <WrappedCode code={baseUrl} label="Base URL" copyLabel="Copy base URL" breakAll />
              <p>
                <strong className="font-semibold text-slate-900">Authentication:</strong> put one of your API keys in the{" "}
                <code className="rounded bg-slate-100 px-1 font-mono">x-api-key</code> header. Without a valid, active key the gateway answers{" "}
                <code className="rounded bg-slate-100 px-1 font-mono">403 Forbidden</code>; over your rate limit or quota it answers{" "}
                <code className="rounded bg-slate-100 px-1 font-mono">429</code>.
              </p>
              {!ownKeys.ok ? (
                <Alert tone="warning">Your keys could not be loaded, so the consoles below cannot send requests right now.</Alert>
              ) : keys.length === 0 ? (
                <Alert tone="warning" title="You have no active API key yet">
                  <p>
                    <Link href="/dashboard" className="font-medium underline">
                      Create a key on the Keys page
                    </Link>{" "}
                    to call the API and to use the &ldquo;Try it&rdquo; consoles below.
                  </p>
                </Alert>
              ) : (
                <p>
                  Each operation has a <strong className="font-semibold text-slate-900">Try it</strong> console: it sends the request from
                  Gatehouse with the key you choose (the key value never reaches your browser) and shows the gateway&apos;s answer.
                </p>
              )}
            </div>
          </Card>

          {docs.operations.length === 0 ? <Alert tone="info">This API does not document any operations yet.</Alert> : null}

          {docs.tags.map((tag) => (
            <section key={tag.name} id={tagSectionId(tag.name)} aria-labelledby={`${tagSectionId(tag.name)}-heading`} className="scroll-mt-4 space-y-4">
              <div>
                <h2 id={`${tagSectionId(tag.name)}-heading`} className="text-xl font-semibold capitalize text-slate-900">
                  {tag.name}
                </h2>
                {tag.description ? <p className="mt-1 text-sm text-slate-600">{tag.description}</p> : null}
              </div>
              {docs.operations
                .filter((o) => o.tag === tag.name)
                .map((operation) => (
                  <OperationCard key={operation.id} operation={operation} routes={routes} keys={keys} baseUrl={baseUrl} />
                ))}
            </section>
          ))}
        </div>
      </div>
    </>
  );
}
