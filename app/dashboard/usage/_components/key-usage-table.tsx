import { QuotaBar } from "./quota-bar";
import { ScrollCue } from "./scroll-cue";
import { Badge } from "@/components/ui/badge";
import { countedSinceMove } from "@/lib/format/tier-move";
import { formatCount, formatPercent, periodHeading } from "@/lib/format/usage";
import type { KeyUsage, UsageOverview } from "@/lib/usage/overview";

/** "3 Basic + 1 Premium": a key's requests today per plan, when a tier move split them. */
function todayParts(k: KeyUsage): string | null {
  if (!k.todayByTier.some((s) => !s.current)) return null;
  return k.todayByTier.map((s) => `${formatCount(s.used)} ${s.tier}`).join(" + ");
}

/**
 * Every key's figures, and the total. On a narrow screen the 30-day and remaining columns are left out (the chart
 * and the "x of y" under each quota bar have them) and the rest scrolls sideways, with a shadow on the side that has more.
 */
export function KeyUsageTable({ overview }: { overview: UsageOverview }) {
  const { keys, total, now } = overview;
  const quotaPeriod = keys.find((k) => k.period !== null)?.period ?? null;
  const lastFourOf = new Map(keys.map((k) => [k.id, k.lastFour]));
  return (
    <ScrollCue label="Usage per key (scrolls sideways)">
      <table className="w-full min-w-[18rem] text-left text-sm sm:min-w-[36rem]">
        <caption className="sr-only">Usage per key{quotaPeriod ? `; all keys share the account's one quota` : ""}</caption>
        <thead className="border-b border-border text-xs uppercase tracking-wide text-muted-foreground">
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
                <th scope="col" className="hidden py-2 pr-4 text-right font-medium sm:table-cell">
                  Remaining
                </th>
              </>
            ) : null}
            <th scope="col" className="hidden py-2 text-right font-medium sm:table-cell">
              Last 30 days
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {keys.map((k) => {
            const parts = todayParts(k);
            const replaced = k.rotatedFromId ? lastFourOf.get(k.rotatedFromId) : undefined;
            return (
              <tr key={k.id} data-testid="key-usage-row">
                <th scope="row" className="py-3 pr-4 font-medium">
                  <span className="block">{k.name}</span>
                  <span className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs font-normal text-muted-foreground">
                    {k.lastFour ? <span className="font-mono">••••{k.lastFour}</span> : null}
                    {replaced ? <span>replaces ••••{replaced}</span> : null}
                    {k.status === "DISABLED" ? <Badge>Disabled</Badge> : null}
                    {k.status === "REVOKED" ? <Badge>Revoked</Badge> : null}
                  </span>
                </th>
                <td className="py-3 pr-4 text-right tabular-nums">
                  {formatCount(k.today)}
                  {parts ? <span className="block text-xs whitespace-nowrap text-muted-foreground">{parts}</span> : null}
                </td>
                {quotaPeriod ? (
                  <>
                    {quotaPeriod !== "DAY" ? <td className="py-3 pr-4 text-right tabular-nums">{k.periodUsed === null ? "—" : formatCount(k.periodUsed)}</td> : null}
                    <td className="py-3 pr-4">
                      {k.quota !== null && k.percentUsed !== null ? (
                        <div className="space-y-1">
                          <QuotaBar used={k.periodUsed ?? 0} quota={k.quota} percent={k.percentUsed} label={`Quota used by key ${k.name}`} />
                          <span className="block text-xs tabular-nums text-muted-foreground">
                            {formatPercent(k.percentUsed)} · {formatCount(k.periodUsed ?? 0)} of {formatCount(k.quota)}
                          </span>
                          {k.quotaSince ? <span className="block text-xs text-muted-foreground">{countedSinceMove(k.quotaSince, now)}</span> : null}
                        </div>
                      ) : (
                        <span className="text-muted-foreground">—</span>
                      )}
                    </td>
                    <td className="hidden py-3 pr-4 text-right tabular-nums sm:table-cell">{k.remaining === null ? "—" : formatCount(k.remaining)}</td>
                  </>
                ) : null}
                <td className="hidden py-3 text-right tabular-nums sm:table-cell">{formatCount(k.last30Days)}</td>
              </tr>
            );
          })}
        </tbody>
        {keys.length > 1 ? (
          <tfoot className="border-t border-border font-semibold">
            <tr>
              <th scope="row" className="py-3 pr-4">
                All keys
              </th>
              <td className="py-3 pr-4 text-right tabular-nums">{formatCount(total.today)}</td>
              {quotaPeriod ? (
                <>
                  {quotaPeriod !== "DAY" ? <td className="py-3 pr-4 text-right tabular-nums">{formatCount(total.periodUsed ?? 0)}</td> : null}
                  <td className="py-3 pr-4 text-xs font-normal text-muted-foreground">one quota shared by all keys (above)</td>
                  <td className="hidden py-3 pr-4 text-right tabular-nums sm:table-cell">{total.remaining === null ? "—" : formatCount(total.remaining)}</td>
                </>
              ) : null}
              <td className="hidden py-3 text-right tabular-nums sm:table-cell">{formatCount(total.last30Days)}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </ScrollCue>
  );
}
