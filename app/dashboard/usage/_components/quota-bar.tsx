import { formatCount, formatPercent } from "@/lib/format/usage";

/** How much of a quota is used, as an accessible progress bar (amber from 80%, red at 100%). */
export function QuotaBar({ used, quota, percent, label }: { used: number; quota: number; percent: number; label: string }) {
  const now = Math.min(100, Math.max(0, Math.floor(percent)));
  const color = percent >= 100 ? "bg-destructive" : percent >= 80 ? "bg-warning" : "bg-primary";
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={now}
      aria-valuetext={`${formatPercent(percent)}: ${formatCount(used)} of ${formatCount(quota)} requests`}
      className="h-2 w-full overflow-hidden rounded-full bg-muted"
    >
      <div className={`h-full rounded-full ${color}`} style={{ width: `${now}%` }} />
    </div>
  );
}
