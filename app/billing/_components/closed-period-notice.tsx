import { Lock } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { DayRange } from "@/lib/billing/amounts";
import { closedPeriodOf } from "@/lib/billing/periods";
import { formatAmount } from "@/lib/format/billing";
import type { Actor } from "@/lib/policy/actor";

/**
 * On the period report: when the range is a closed month, a "Closed" badge with its frozen figures. The report's
 * table recomputes from stored usage; what changed since closing is listed as adjustments on the periods page.
 */
export async function ClosedPeriodNotice({ actor, range }: { actor: Actor; range: DayRange }) {
  const result = await closedPeriodOf(actor, range);
  if (!result.ok || !result.data) return null;
  const closed = result.data;
  const month = range.from.slice(0, 7);
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border bg-card px-4 py-3 text-sm" data-testid="closed-period-notice">
      <Badge variant="success">
        <Lock aria-hidden="true" /> Closed
      </Badge>
      <span>
        Closed {closed.closedAt.toISOString().slice(0, 16).replace("T", " ")} UTC{closed.closedByEmail ? ` by ${closed.closedByEmail}` : ""}. Frozen:{" "}
        <strong className="tabular-nums">{formatAmount(closed.totalCents)}</strong> for {closed.customers.toLocaleString("en-US")}{" "}
        {closed.customers === 1 ? "customer" : "customers"}. The table below is recomputed from stored usage; any difference is an{" "}
        <Link href={`/billing/periods#adjustments-${month}`} className="text-primary underline-offset-4 hover:underline">
          adjustment
        </Link>
        .
      </span>
    </div>
  );
}
