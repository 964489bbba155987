import { TriangleAlertIcon } from "lucide-react";
import Link from "next/link";
import { formatCount, formatUtcMoment, quotaAdjective } from "@/lib/format/usage";
import type { KeyQuota } from "@/lib/keys/key-usage-summary";

/** Under a key that has used its whole quota: what happens to its calls, until when, and what to do. */
export function QuotaWarning({ quota, now }: { quota: KeyQuota; now: Date }) {
  return (
    <div role="alert" className="mt-3 flex gap-2 rounded-md border border-destructive/50 bg-danger-muted px-3 py-2 text-sm text-foreground" data-testid="quota-warning">
      <TriangleAlertIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-destructive" />
      <p>
        This key has used its whole {quotaAdjective(quota.period)} quota ({formatCount(quota.limit)} requests): every call with it gets HTTP 429 until the
        quota resets at {formatUtcMoment(quota.resetsAt, now)}.{" "}
        <Link href="/dashboard/tier" className="font-medium text-primary underline underline-offset-2">
          Move to a tier with a higher quota
        </Link>
        , or wait for the reset.
      </p>
    </div>
  );
}
