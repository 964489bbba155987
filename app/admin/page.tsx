import Link from "next/link";
import { Suspense } from "react";
import { AlarmSummary } from "@/components/admin/alarm-summary";
import { OverviewMetrics, OverviewSkeleton, TopCustomers } from "@/components/admin/metrics/overview-sections";
import { StagePicker } from "@/components/admin/metrics/stage-picker";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { requirePagePermission } from "@/lib/auth/guards";
import { resolveSelection, selectionParamsSchema } from "@/lib/metrics/selection";

export const metadata = { title: "Overview" };
export const dynamic = "force-dynamic";

export default async function AdminOverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("metrics.read", "/admin");
  const params = selectionParamsSchema.parse(await searchParams);
  const selection = await resolveSelection(params);
  if (!selection.ok) {
    return (
      <>
        <PageHeader title="Overview" description="CloudWatch metrics of an API stage" />
        <Alert tone="error" title="This API stage cannot be shown" data-testid="selection-error">
          {selection.error.message} <Link href="/admin" className="font-medium underline underline-offset-4">Show the portal&apos;s API</Link>
        </Alert>
      </>
    );
  }
  const { apis, stages, api, stage, range } = selection.data;
  const stageRef = { apiName: api.name, restApiId: api.id, stage };

  return (
    <>
      <PageHeader title="Overview" description={`${api.name} · stage ${stage} · CloudWatch metrics`} />
      <StagePicker path="/admin" apis={apis} stages={stages} api={api} stage={stage} range={range} />
      <Suspense key={`${api.id}|${stage}|${range}`} fallback={<OverviewSkeleton />}>
        <OverviewMetrics actor={actor} stageRef={stageRef} range={range} />
      </Suspense>

      <div className="mt-6 grid gap-4 xl:grid-cols-2">
        <Suspense fallback={<Skeleton className="h-40" />}>
          <AlarmSummary apiName={api.name} stage={stage} apiId={api.id} />
        </Suspense>
        <Card title="Top customers by requests today">
          <Suspense fallback={<Skeleton className="h-40" />}>
            <TopCustomers actor={actor} />
          </Suspense>
        </Card>
      </div>
    </>
  );
}
