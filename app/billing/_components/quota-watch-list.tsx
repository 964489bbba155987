import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { QuotaWatch } from "@/lib/billing/period-report";
import { formatShare } from "@/lib/format/billing";
import { formatQuota } from "@/lib/format/tier";
import { formatCount, formatUtcMoment } from "@/lib/format/usage";

function forecastText(w: QuotaWatch, now: Date): string {
  const parts: string[] = [];
  if (w.forecast?.kind === "exhausted") parts.push(`quota used up until ${formatUtcMoment(w.forecast.resetsAt, now)}`);
  else if (w.forecast?.kind === "runs_out") parts.push(`runs out ${formatUtcMoment(w.forecast.at, now)}`);
  else if (w.forecast?.kind === "not_before_reset") parts.push("on track to last until the reset");
  if (w.projectedRequests !== null) parts.push(`about ${formatCount(w.projectedRequests)} requests by the period's end`);
  return parts.length > 0 ? parts.join("; ") : "period over";
}

/** Customers near or over their pooled quota in the period, with where they are heading while it runs. */
export function QuotaWatchList({ title, empty, items, total, href, rangeQuery }: { title: string; empty: string; items: QuotaWatch[]; total: number; href: string; rangeQuery: string }) {
  const now = new Date();
  return (
    <Card
      title={`${title} (${formatCount(total)})`}
      actions={
        total > items.length ? (
          <Link href={href} className="text-sm text-primary underline-offset-4 hover:underline">
            All {formatCount(total)}
          </Link>
        ) : null
      }
      data-testid={`watch-${title.toLowerCase().replace(/\s+/g, "-")}`}
    >
      {items.length === 0 ? (
        <p className="text-sm text-muted-foreground">{empty}</p>
      ) : (
        <ul className="divide-y">
          {items.map((w) => (
            <li key={w.customerId} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 py-2 text-sm">
              <div className="min-w-0">
                <Link href={`/billing/report/${encodeURIComponent(w.customerId)}?${rangeQuery}`} className="font-medium text-primary underline-offset-4 hover:underline">
                  {w.name}
                </Link>
                <p className="text-xs text-muted-foreground">
                  {w.tierName ?? "No tier"} · {formatQuota(w.quota, w.quotaPeriod)} · {forecastText(w, now)}
                </p>
              </div>
              <div className="text-right tabular-nums">
                <span className="font-semibold">{formatShare(w.percentUsed)}</span>
                {w.overageRequests > 0 ? <span className="block text-xs text-muted-foreground">{formatCount(w.overageRequests)} over</span> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
