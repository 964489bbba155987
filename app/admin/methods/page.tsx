import Link from "next/link";
import { Suspense } from "react";
import { DetailedMetricsSwitch } from "./_components/detailed-metrics-switch";
import { MethodTable } from "@/components/admin/metrics/method-table";
import { StagePicker } from "@/components/admin/metrics/stage-picker";
import { LazyMetricChart } from "@/components/charts/lazy-metric-chart";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { requirePagePermission } from "@/lib/auth/guards";
import { formatRefreshInterval, formatSlot } from "@/lib/metrics/format";
import { loadMethodMetrics, type StageRef } from "@/lib/metrics/queries";
import { periodLabel, RANGES, type RangeKey } from "@/lib/metrics/ranges";
import { resolveSelection, selectionParamsSchema } from "@/lib/metrics/selection";
import type { Actor } from "@/lib/policy/actor";

export const metadata = { title: "Methods" };
export const dynamic = "force-dynamic";

export default async function MethodsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("metrics.read", "/admin/methods");
  const selection = await resolveSelection(selectionParamsSchema.parse(await searchParams));
  if (!selection.ok) {
    return (
      <>
        <PageHeader title="Methods" description="Per-method CloudWatch metrics" />
        <Alert tone="error" title="This API stage cannot be shown" data-testid="selection-error">
          {selection.error.message} <Link href="/admin/methods" className="font-medium underline underline-offset-4">Show the portal&apos;s API</Link>
        </Alert>
      </>
    );
  }
  const { apis, stages, api, stage, range } = selection.data;
  return (
    <>
      <PageHeader title="Methods" description={`${api.name} · stage ${stage} · per-method CloudWatch metrics`} />
      <StagePicker path="/admin/methods" apis={apis} stages={stages} api={api} stage={stage} range={range} />
      <Suspense key={`${api.id}|${stage}|${range}`} fallback={<MethodsSkeleton />}>
        <MethodMetrics actor={actor} stageRef={{ apiName: api.name, restApiId: api.id, stage }} range={range} />
      </Suspense>
    </>
  );
}

async function MethodMetrics({ actor, stageRef, range }: { actor: Actor; stageRef: StageRef; range: RangeKey }) {
  const result = await loadMethodMetrics(actor, stageRef, range);
  if (!result.ok) {
    return (
      <Alert tone="error" title="Per-method metrics could not be loaded" data-testid="metrics-error">
        {result.error.message}
      </Alert>
    );
  }
  const m = result.data;
  const total = m.rows.reduce((n, r) => n + r.requests, 0);
  return (
    <div className="space-y-6">
      <Card
        title="Detailed metrics"
        actions={<DetailedMetricsSwitch restApiId={stageRef.restApiId} apiName={stageRef.apiName} stage={stageRef.stage} enabled={m.detailedMetrics} />}
      >
        <p className="text-sm text-muted-foreground" data-testid="detailed-metrics-state">
          <Badge tone={m.detailedMetrics ? "success" : "neutral"} className="mr-2">
            {m.detailedMetrics ? "On" : "Off"}
          </Badge>
          {m.detailedMetrics
            ? "API Gateway records every method's requests, errors, latency and cache use in CloudWatch."
            : "Only the stage as a whole is recorded. Turn detailed metrics on to see each method from now on; earlier figures below are what was recorded while they were on."}
        </p>
        {m.overridesOff.length > 0 ? (
          <p className="mt-2 text-sm text-muted-foreground">Methods with their own settings and detailed metrics off: {m.overridesOff.join(", ")}.</p>
        ) : null}
      </Card>
      {total === 0 ? (
        <Alert tone="info" title="No per-method data in this range" data-testid="metrics-empty">
          {m.detailedMetrics
            ? "No requests have reached these methods since detailed metrics were turned on. Figures appear within a minute or two of traffic."
            : "CloudWatch has no per-method figures for this stage in this range."}
        </Alert>
      ) : null}
      <Card title="Requests per method">
        <LazyMetricChart
          title="Requests per method"
          summary={`Count per ${periodLabel(m.period)} period and method, ${RANGES[range].label.toLowerCase()}.`}
          kind="line"
          unit="count"
          period={m.period}
          series={m.rows.map((r, i) => ({ key: `s${i}`, label: `${r.method} ${r.resource}` }))}
          points={m.points}
        />
      </Card>
      <Card title="By method">
        <MethodTable rows={m.rows} />
        {m.omitted > 0 ? <p className="mt-2 text-sm text-muted-foreground">{m.omitted} more methods are not shown (the view is limited to 60).</p> : null}
      </Card>
      <p className="text-xs text-muted-foreground">
        Dimensions ApiName, Method, Resource and Stage; {RANGES[range].label.toLowerCase()}, times in UTC. Figures as of{" "}
        {formatSlot(Math.floor(m.fetchedAt / 1000), 60, true)} (refreshed at most every {formatRefreshInterval(m.cacheSeconds)}).
      </p>
    </div>
  );
}

function MethodsSkeleton() {
  return (
    <div className="space-y-6" role="status" aria-label="Loading per-method metrics">
      <Skeleton className="h-28" />
      <Skeleton className="h-[300px]" />
      <Skeleton className="h-64" />
    </div>
  );
}
