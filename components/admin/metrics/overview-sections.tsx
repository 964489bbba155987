import { LazyMetricChart } from "@/components/charts/lazy-metric-chart";
import { StatCard } from "@/components/admin/metrics/stat-card";
import { TopCustomersTable } from "@/components/admin/metrics/top-customers-table";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { formatCount, formatMs, formatRate, formatRefreshInterval, formatSlot } from "@/lib/metrics/format";
import type { OverviewPoint } from "@/lib/metrics/overview-series";
import { loadMetricsOverview, topCustomersToday, type StageRef } from "@/lib/metrics/queries";
import { periodLabel, RANGES, type RangeKey } from "@/lib/metrics/ranges";
import type { Actor } from "@/lib/policy/actor";

type Key = keyof Omit<OverviewPoint, "t">;
const pick = (points: OverviewPoint[], keys: Key[]) => points.map((p) => Object.fromEntries([["t", p.t], ...keys.map((k) => [k, p[k]])]) as { t: number } & Record<string, number | null>);

/** The figures and charts of one API stage over a range (server component; streamed behind a skeleton). */
export async function OverviewMetrics({ actor, stageRef, range }: { actor: Actor; stageRef: StageRef; range: RangeKey }) {
  const result = await loadMetricsOverview(actor, stageRef, range);
  if (!result.ok) {
    return (
      <Alert tone="error" title="CloudWatch metrics could not be loaded" data-testid="metrics-error">
        {result.error.message}
      </Alert>
    );
  }
  const { summary: s, points, period, fetchedAt, cacheSeconds } = result.data;
  const every = `${periodLabel(period)} periods`;
  const rangeLabel = RANGES[range].label.toLowerCase();
  return (
    <div className="space-y-6" data-testid="metrics-overview">
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-3 xl:grid-cols-6">
        <StatCard testId="stat-requests" label="Requests" value={formatCount(s.requests)} detail={RANGES[range].label} />
        <StatCard testId="stat-4xx" label="4XX error rate" value={formatRate(s.rate4xx)} detail={`${formatCount(s.errors4xx)} client errors`} />
        <StatCard testId="stat-5xx" label="5XX error rate" value={formatRate(s.rate5xx)} detail={`${formatCount(s.errors5xx)} server errors`} />
        <StatCard testId="stat-latency" label="Latency (avg)" value={formatMs(s.latencyAvg)} detail={`p50 ${formatMs(s.latencyP50)} · p90 ${formatMs(s.latencyP90)} · p99 ${formatMs(s.latencyP99)}`} />
        <StatCard testId="stat-integration" label="Integration latency" value={formatMs(s.integrationAvg)} detail="average, backend only" />
        <StatCard
          testId="stat-cache"
          label="Cache hit ratio"
          value={formatRate(s.hitRatio)}
          detail={`${formatCount(s.cacheHits)} hits · ${formatCount(s.cacheMisses)} misses`}
        />
      </dl>
      {s.requests === 0 ? (
        <Alert tone="info" title="No requests in this range" data-testid="metrics-empty">
          CloudWatch has no requests for this stage in the {rangeLabel}. Charts fill in as traffic arrives (API Gateway reports within a minute or two).
        </Alert>
      ) : null}
      <div className="grid gap-4 xl:grid-cols-2">
        <Card title="Requests and errors">
          <LazyMetricChart
            title="Requests and errors"
            summary={`Count, 4XXError and 5XXError per ${periodLabel(period)} period, ${rangeLabel}.`}
            kind="line"
            unit="count"
            period={period}
            series={[
              { key: "requests", label: "Requests" },
              { key: "errors4xx", label: "4XX" },
              { key: "errors5xx", label: "5XX" },
            ]}
            points={pick(points, ["requests", "errors4xx", "errors5xx"])}
          />
        </Card>
        <Card title="Error rates">
          <LazyMetricChart
            title="Error rates"
            summary={`4XX and 5XX as a percent of requests, ${every}; overall ${formatRate(s.rate4xx)} and ${formatRate(s.rate5xx)}.`}
            kind="line"
            unit="percent"
            period={period}
            series={[
              { key: "rate4xx", label: "4XX %" },
              { key: "rate5xx", label: "5XX %" },
            ]}
            points={pick(points, ["rate4xx", "rate5xx"])}
          />
        </Card>
        <Card title="Latency">
          <LazyMetricChart
            title="Latency"
            summary={`Latency average, p50, p90 and p99 and IntegrationLatency average, ${every}.`}
            kind="line"
            unit="ms"
            period={period}
            series={[
              { key: "latencyAvg", label: "Average" },
              { key: "latencyP50", label: "p50" },
              { key: "latencyP90", label: "p90" },
              { key: "latencyP99", label: "p99" },
              { key: "integrationAvg", label: "Integration avg" },
            ]}
            points={pick(points, ["latencyAvg", "latencyP50", "latencyP90", "latencyP99", "integrationAvg"])}
          />
        </Card>
        <Card title="Stage cache">
          <LazyMetricChart
            title="Stage cache"
            summary={`CacheHitCount and CacheMissCount, ${every}; hit ratio ${formatRate(s.hitRatio)}.`}
            kind="bar"
            unit="count"
            period={period}
            series={[
              { key: "cacheHits", label: "Hits" },
              { key: "cacheMisses", label: "Misses" },
            ]}
            points={pick(points, ["cacheHits", "cacheMisses"])}
          />
        </Card>
      </div>
      <p className="text-xs text-muted-foreground" data-testid="metrics-fetched">
        CloudWatch namespace AWS/ApiGateway, dimensions ApiName={stageRef.apiName} and Stage={stageRef.stage}. Times in UTC. Figures as of{" "}
        {formatSlot(Math.floor(fetchedAt / 1000), 60, true)} (refreshed at most every {formatRefreshInterval(cacheSeconds)}).
      </p>
    </div>
  );
}

export function OverviewSkeleton() {
  return (
    <div className="space-y-6" role="status" aria-label="Loading CloudWatch metrics">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-3 xl:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-[92px]" />
        ))}
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-[300px]" />
        ))}
      </div>
    </div>
  );
}

/** The customers with the most requests today (UTC), from the portal's synced usage. */
export async function TopCustomers({ actor }: { actor: Actor }) {
  const result = await topCustomersToday(actor);
  if (!result.ok) return <Alert tone="error">{result.error.message}</Alert>;
  return <TopCustomersTable rows={result.data.rows} />;
}
