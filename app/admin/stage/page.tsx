import Link from "next/link";
import { Suspense } from "react";
import { CacheClusterCard } from "./_components/cache-cluster-card";
import { MethodSettingsTable } from "./_components/method-settings-table";
import { StageSelector } from "./_components/stage-selector";
import { StageSkeleton } from "./_components/stage-skeleton";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { loadStagePage } from "@/lib/stage/queries";
import type { Actor } from "@/lib/policy/actor";
import { stageSelectionSchema, type StageSelection } from "@/lib/stage/selection";

export const metadata = { title: "Caches & stage" };
export const dynamic = "force-dynamic";

export default async function StagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // The permission check runs before anything streams (no loading.tsx above it), so refusals keep their 403/redirect.
  const actor = await requirePagePermission("stage.read", "/admin/stage");
  const selection = stageSelectionSchema.parse(await searchParams);
  return (
    <Suspense key={`${selection.api ?? ""}/${selection.stage ?? ""}`} fallback={<StageSkeleton />}>
      <StageContent actor={actor} selection={selection} />
    </Suspense>
  );
}

async function StageContent({ actor, selection }: { actor: Actor; selection: StageSelection }) {
  const result = await loadStagePage(actor, selection);

  if (!result.ok) {
    return (
      <>
        <PageHeader title="Caches & stage" description="The stage cache and the throttling and caching settings of an API stage." />
        <Alert tone="error" title="The stage could not be shown">
          <p>{result.error.message}</p>
          {selection.api || selection.stage ? (
            <p className="mt-2">
              <Link href="/admin/stage" className={buttonClass("outline", "h-8 px-3")}>
                Show the portal&apos;s API and stage
              </Link>
            </p>
          ) : null}
        </Alert>
      </>
    );
  }

  const { apis, stages, api, stage, rows, methodsUnavailable } = result.data;
  const target = { api: api.id, stage: stage.stageName, apiName: api.name };
  return (
    <>
      <PageHeader
        title="Caches & stage"
        description={
          <>
            <span className="font-medium text-foreground">{api.name}</span> · stage <span className="font-medium text-foreground">{stage.stageName}</span>
          </>
        }
        actions={<StageSelector apis={apis} stages={stages.map((s) => s.stageName)} api={api.id} stage={stage.stageName} />}
      />
      <div className="space-y-6">
        <CacheClusterCard
          target={target}
          cluster={{ enabled: stage.cacheClusterEnabled, size: stage.cacheClusterSize, status: stage.cacheClusterStatus }}
        />
        <Card>
          <CardHeader>
            <CardTitle>Throttling and caching</CardTitle>
            <CardDescription>
              Stage-wide defaults and per-method overrides (UpdateStage method settings). A method without its own settings follows the stage default.
              Every change is previewed as patch operations before it is applied.
            </CardDescription>
          </CardHeader>
          <CardContent className="space-y-3">
            {!stage.cacheClusterEnabled ? (
              <Alert tone="warning" title="The stage cache cluster is off">
                Caching settings are kept but have no effect until a cache cluster is provisioned for this stage.
              </Alert>
            ) : null}
            {methodsUnavailable ? (
              <Alert tone="warning" title="The API's methods could not be listed">
                Only the stage default and methods with their own settings are shown. Reload the page to try again.
              </Alert>
            ) : null}
            <MethodSettingsTable target={target} rows={rows} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
