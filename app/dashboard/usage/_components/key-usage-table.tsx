import { QuotaBar } from "./quota-bar";
import { Badge } from "@/components/ui/badge";
import { formatCount, formatPercent, periodHeading } from "@/lib/format/usage";
import type { UsageOverview } from "@/lib/usage/overview";

/** Every key's figures, and the total. On a narrow screen the 30-day column is left out (the chart has it); the rest scrolls sideways if it must. */
export function KeyUsageTable({ overview }: { overview: UsageOverview }) {
  const { keys, total } = overview;
  const quotaPeriod = keys.find((k) => k.period !== null)?.period ?? null;
  return (
    <div className="-mx-5 overflow-x-auto px-5">
      <table className="w-full sm:min-w-[36rem] text-left text-sm">
        <caption className="sr-only">Usage per key{quotaPeriod ? `; quotas apply to each key separately` : ""}</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Key
            </th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">
              Today
            </th>
            {quotaPeriod ? (
              <>
                {quotaPeriod !== "DAY" ? (
                  <th scope="col" className="py-2 pr-4 text-right font-medium">
                    {periodHeading(quotaPeriod)}
                  </th>
                ) : null}
                <th scope="col" className="w-28 py-2 pr-4 font-medium sm:w-40">
                  Quota used
                </th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">
                  Remaining
                </th>
              </>
            ) : null}
            <th scope="col" className="hidden py-2 text-right font-medium sm:table-cell">
              Last 30 days
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.map((k) => (
            <tr key={k.id} data-testid="key-usage-row">
              <th scope="row" className="py-3 pr-4 font-medium text-slate-900">
                <span className="block">{k.name}</span>
                <span className="flex items-center gap-2 text-xs font-normal text-slate-500">
                  {k.lastFour ? <span className="font-mono">••••{k.lastFour}</span> : null}
                  {k.status === "DISABLED" ? <Badge>Disabled</Badge> : null}
                  {k.status === "REVOKED" ? <Badge>Revoked</Badge> : null}
                </span>
              </th>
              <td className="py-3 pr-4 text-right tabular-nums">{formatCount(k.today)}</td>
              {quotaPeriod ? (
                <>
                  {quotaPeriod !== "DAY" ? <td className="py-3 pr-4 text-right tabular-nums">{k.periodUsed === null ? "—" : formatCount(k.periodUsed)}</td> : null}
                  <td className="py-3 pr-4">
                    {k.quota !== null && k.percentUsed !== null ? (
                      <div className="space-y-1">
                        <QuotaBar used={k.periodUsed ?? 0} quota={k.quota} percent={k.percentUsed} label={`Quota used by key ${k.name}`} />
                        <span className="text-xs tabular-nums text-slate-600">
                          {formatPercent(k.percentUsed)} · {formatCount(k.periodUsed ?? 0)} of {formatCount(k.quota)}
                        </span>
                      </div>
                    ) : (
                      <span className="text-slate-500">—</span>
                    )}
                  </td>
                  <td className="py-3 pr-4 text-right tabular-nums">{k.remaining === null ? "—" : formatCount(k.remaining)}</td>
                </>
              ) : null}
              <td className="hidden py-3 text-right tabular-nums sm:table-cell">{formatCount(k.last30Days)}</td>
            </tr>
          ))}
        </tbody>
        {keys.length > 1 ? (
          <tfoot className="border-t border-slate-200 font-semibold">
            <tr>
              <th scope="row" className="py-3 pr-4">
                All keys
              </th>
              <td className="py-3 pr-4 text-right tabular-nums">{formatCount(total.today)}</td>
              {quotaPeriod ? (
                <>
                  {quotaPeriod !== "DAY" ? <td className="py-3 pr-4 text-right tabular-nums">{formatCount(total.periodUsed ?? 0)}</td> : null}
                  <td className="py-3 pr-4 text-xs font-normal text-slate-500">each key has its own quota</td>
                  <td className="py-3 pr-4 text-right tabular-nums">{total.remaining === null ? "—" : formatCount(total.remaining)}</td>
                </>
              ) : null}
              <td className="hidden py-3 text-right tabular-nums sm:table-cell">{formatCount(total.last30Days)}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
