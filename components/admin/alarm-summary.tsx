import { Bell } from "lucide-react";
import Link from "next/link";
import { AlarmStateBadge } from "@/components/admin/alarm-state-badge";
import { Alert } from "@/components/ui/alert";
import { formatUtc } from "@/lib/alarms/format";
import { getAlarmSummary } from "@/lib/alarms/queries";
import { getActor } from "@/lib/auth/session";

/**
 * Alarm states of one API stage, for the admin overview (a server component; one paged DescribeAlarms):
 * `<AlarmSummary apiName="gatehouse-demo-api" stage="prod" apiId="abc123" />`. `apiId` makes the link open the
 * alarms page on the same API and stage. A CloudWatch failure shows a message in place; the page around it renders.
 */
export async function AlarmSummary({ apiName, stage, apiId }: { apiName: string; stage: string; apiId?: string }) {
  const result = await getAlarmSummary(await getActor(), apiName, stage);
  const href = `/admin/alarms${apiId ? `?${new URLSearchParams({ api: apiId, stage })}` : ""}`;
  const headingId = `alarm-summary-${apiName}-${stage}`.replace(/[^A-Za-z0-9_-]/g, "-");
  return (
    <section aria-labelledby={headingId} data-testid="alarm-summary" className="min-w-0 rounded-lg border bg-card p-5 text-card-foreground shadow-sm">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="flex items-center gap-2 text-lg font-semibold">
          <Bell className="size-4 text-muted-foreground" aria-hidden="true" /> Alarms
        </h2>
        <Link href={href} className="text-sm text-primary underline-offset-4 hover:underline">
          All alarms of {stage}
        </Link>
      </div>
      {!result.ok ? (
        <Alert tone="warning">Alarm states are unavailable: {result.error.message}</Alert>
      ) : result.data.total === 0 ? (
        <p className="text-sm text-muted-foreground">
          No CloudWatch alarms watch {apiName} ({stage}).{" "}
          <Link href={href} className="text-primary underline-offset-4 hover:underline">
            Create the recommended alarms
          </Link>
          .
        </p>
      ) : (
        <div className="space-y-3">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium">
              {result.data.total} alarm{result.data.total === 1 ? "" : "s"}:
            </span>
            {(["ALARM", "INSUFFICIENT_DATA", "OK"] as const)
              .filter((s) => result.data.counts[s] > 0)
              .map((s) => (
                <span key={s} className="inline-flex items-center gap-1">
                  <span className="tabular-nums">{result.data.counts[s]}</span>
                  <AlarmStateBadge state={s} />
                </span>
              ))}
          </p>
          {result.data.firing.length > 0 ? (
            <ul className="space-y-2 text-sm" aria-label="Alarms in alarm">
              {result.data.firing.map((a) => (
                <li key={a.name} className="rounded-md border border-destructive/30 bg-danger-muted px-3 py-2">
                  <span className="block font-medium break-words">{a.name}</span>
                  <span className="block text-muted-foreground break-words">{a.reason}</span>
                  <span className="block text-xs text-muted-foreground">since {formatUtc(a.since?.toISOString() ?? null)}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
    </section>
  );
}
