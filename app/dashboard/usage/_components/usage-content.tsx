import Link from "next/link";
import { KeyUsageTable } from "./key-usage-table";
import { Panel } from "./panel";
import { RefreshControl } from "./refresh-control";
import { SummaryCards } from "./summary-cards";
import { TierMoveNote } from "./tier-move-note";
import { LazyDailyUsageChart } from "@/components/charts/lazy-daily-usage-chart";
import { forecastSentence, formatCount } from "@/lib/format/usage";
import type { Actor } from "@/lib/policy/actor";
import { chartSeries } from "@/lib/usage/chart-series";
import { getUsageOverview } from "@/lib/usage/queries";

/**
 * The figures, read from the database only (rendering never calls AWS or writes). The background worker keeps the
 * cache within 15 minutes; when it is older than 5 minutes (or was never filled) the refresh control asks for fresh
 * figures through the refresh action once the page is shown. If AWS fails, the cached figures stay with a warning.
 * Everything but the chart is server-rendered; the chart loads lazily, after the page is usable. The quota banners are
 * the account's (pooled, every dashboard page: app/dashboard/_components/quota-alert-banner.tsx), not per key.
 */
export async function UsageContent({ actor }: { actor: Actor }) {
  const result = await getUsageOverview(actor);
  if (!result.ok) throw new Error(result.error.message);
  const overview = result.data;
  const { now, syncedAt, keys } = overview;
  const live = keys.filter((k) => k.status !== "REVOKED");
  const syncedIso = syncedAt?.toISOString() ?? null;
  const series = chartSeries(keys);

  return (
    <div className="space-y-6">
      <RefreshControl key={syncedIso ?? "never"} syncedAt={syncedIso} renderedAt={now.toISOString()} />

      {keys.length === 0 ? (
        <section className="rounded-lg border border-border bg-card p-5 text-card-foreground shadow-sm">
          <p className="text-sm text-muted-foreground">
            You have no API keys yet, so there is no usage to show.{" "}
            <Link href="/dashboard" className="font-medium text-primary underline">
              Create a key
            </Link>{" "}
            and call the API with it; its requests appear here.
          </p>
        </section>
      ) : (
        <>
          <TierMoveNote overview={overview} />
          <SummaryCards overview={overview} />
          {/* A used-up quota is explained by the banner at the top; the sentence is for what is still ahead. */}
          {overview.forecast && overview.forecast.forecast.kind !== "exhausted" ? (
            <p className="text-sm text-foreground" data-testid="usage-forecast">
              {forecastSentence(overview.forecast.forecast, now, live.length > 1 ? overview.forecast.keyName : undefined)}
            </p>
          ) : null}
          <Panel title="By key">
            <KeyUsageTable overview={overview} />
          </Panel>
          <Panel title="Requests per day">
            <LazyDailyUsageChart
              title="Requests per day, last 30 days"
              days={overview.days}
              series={series}
              summary={`${formatCount(overview.total.last30Days)} requests in the last ${overview.days.length} days${series.length > 1 ? " for all keys" : ""}.`}
            />
          </Panel>
        </>
      )}
    </div>
  );
}
