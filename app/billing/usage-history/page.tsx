import { Suspense } from "react";
import { SnapshotForm } from "./_components/snapshot-form";
import { SnapshotRunsTable } from "./_components/snapshot-runs-table";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { Skeleton } from "@/components/ui/skeleton";
import { requirePagePermission } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { utcDay } from "@/lib/usage/utc-days";
import { usageHistoryOverview } from "@/lib/usage-history/queries";
import { earliestSnapshotDay } from "@/lib/usage-history/snapshot-range";

export const metadata = { title: "Usage history" };
export const dynamic = "force-dynamic";

export default async function UsageHistoryPage() {
  const actor = await requirePagePermission("usage_history.read", "/billing/usage-history");
  return (
    <>
      <PageHeader
        title="Usage history"
        description="A daily snapshot of every key's usage from AWS, kept after AWS forgets it: revoked keys and deleted customers included."
      />
      <Suspense fallback={<Skeleton className="h-96 w-full" />}>
        <UsageHistory actor={actor} />
      </Suspense>
    </>
  );
}

async function UsageHistory({ actor }: { actor: Actor }) {
  const result = await usageHistoryOverview(actor);
  if (!result.ok) throw new Error(result.error.message);
  const { runs, lastSuccess, stored, inProgress } = result.data;
  const canSnapshot = authorize(actor, "usage_history.snapshot").ok;
  const today = utcDay(new Date());
  const lookbackDays = env().GATEHOUSE_USAGE_HISTORY_LOOKBACK_DAYS;
  return (
    <div className="space-y-6">
      <RefreshWhile active={inProgress} everyMs={2000} />
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Last successful snapshot</CardTitle>
            <CardDescription>The worker snapshots yesterday and today once a day; the first run read the last {lookbackDays} days.</CardDescription>
          </CardHeader>
          <CardContent className="space-y-2 text-sm" data-testid="last-snapshot">
            {lastSuccess ? (
              <p>
                <span className="font-medium">{lastSuccess.from === lastSuccess.to ? lastSuccess.from : `${lastSuccess.from} – ${lastSuccess.to}`}</span>, finished{" "}
                <time dateTime={lastSuccess.finishedAt ?? ""}>{(lastSuccess.finishedAt ?? "").slice(0, 16).replace("T", " ")} UTC</time>:{" "}
                {lastSuccess.rowsStored.toLocaleString("en-US")} rows from {lastSuccess.getUsageCalls.toLocaleString("en-US")} GetUsage calls.
              </p>
            ) : (
              <p className="text-muted-foreground">None yet.</p>
            )}
            <p className="text-muted-foreground">
              {stored.firstDay
                ? `Stored: ${stored.rows.toLocaleString("en-US")} key-days from ${stored.firstDay} to ${stored.lastDay}.`
                : "No usage stored yet."}
            </p>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle id="snapshot-heading">Take a snapshot now</CardTitle>
            <CardDescription>Reads every usage plan from AWS for these days and stores each key&apos;s figures.</CardDescription>
          </CardHeader>
          <CardContent>
            {canSnapshot ? (
              <SnapshotForm today={today} earliest={earliestSnapshotDay(today, lookbackDays)} lookbackDays={lookbackDays} />
            ) : (
              <Alert tone="info">Only billing staff and admins can take a snapshot.</Alert>
            )}
          </CardContent>
        </Card>
      </div>
      <section aria-labelledby="runs-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="runs-heading" className="text-lg font-semibold">
            Snapshot runs
          </h2>
          <p className="text-sm text-muted-foreground" aria-live="polite">
            {inProgress ? "A snapshot is in progress: this list updates every 2 seconds." : "No snapshot in progress."}
          </p>
        </div>
        <SnapshotRunsTable rows={runs} />
      </section>
    </div>
  );
}
