import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { formatCount, formatDuration, formatPercent, formatUtcMoment, quotaAdjective } from "@/lib/format/usage";
import type { KeyUsage } from "@/lib/usage/overview";

const WARN_AT = 80;

/** A warning for each active key at 80% of its quota or more, an error for each at 100%. */
export function QuotaBanners({ keys, now, single }: { keys: KeyUsage[]; now: Date; single: boolean }) {
  const near = keys.filter((k) => k.status === "ACTIVE" && k.percentUsed !== null && k.percentUsed >= WARN_AT);
  if (near.length === 0) return null;
  return (
    <div className="space-y-3" data-testid="quota-banners">
      {near.map((k) => {
        if (k.quota === null || k.period === null || k.resetsAt === null || k.percentUsed === null) return null;
        const whose = single ? "Your key" : `Key “${k.name}”`;
        const resets = `${formatUtcMoment(k.resetsAt, now)} (in ${formatDuration(k.resetsAt.getTime() - now.getTime())})`;
        const adjective = quotaAdjective(k.period);
        if (k.percentUsed >= 100) {
          return (
            <Alert key={k.id} tone="error" title={`${whose} has used its whole ${adjective} quota`}>
              <p>
                Requests with it are refused with HTTP 429 and <code className="rounded bg-background/60 px-1">{'{"message":"Limit Exceeded"}'}</code> until the
                quota resets at {resets}. Need more now?{" "}
                <Link href="/dashboard/tier" className="font-medium underline">
                  Move to a tier with a higher quota
                </Link>
                .
              </p>
            </Alert>
          );
        }
        return (
          <Alert key={k.id} tone="warning" title={`${whose} has used ${formatPercent(k.percentUsed)} of its ${adjective} quota`}>
            <p>
              {formatCount(k.periodUsed ?? 0)} of {formatCount(k.quota)} requests; {formatCount(k.remaining ?? 0)} left until the quota resets at {resets}. At
              100%, requests get HTTP 429 until then.{" "}
              <Link href="/dashboard/tier" className="font-medium underline">
                Compare tiers
              </Link>
              .
            </p>
          </Alert>
        );
      })}
    </div>
  );
}
