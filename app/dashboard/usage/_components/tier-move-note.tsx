import { Alert } from "@/components/ui/alert";
import { POOLED_MOVE_REASON, TIER_MOVE_REASON, quotaFromMove, todaySplit } from "@/lib/format/tier-move";
import { formatCount, formatUtcTime, utcDayPhrase } from "@/lib/format/usage";
import type { UsageOverview } from "@/lib/usage/overview";

/**
 * Why today's requests and the quota differ after a tier move: "Requests today: 4 (3 on Basic before you moved to
 * Premium at 10:42 UTC, 1 on Premium). Your Premium quota counts from the move: 1 / 10,000." Shown only when a move
 * split today's figures or restarted a quota this period.
 */
export function TierMoveNote({ overview }: { overview: UsageOverview }) {
  const move = overview.tierMove;
  if (!move) return null;
  const { total, now } = overview;
  const split = todaySplit(total.todayByTier, move);
  const counted = overview.keys.filter((k) => k.status === "ACTIVE" && k.quotaSince !== null && k.quota !== null);
  const single = counted.length === 1 ? counted[0] : undefined;
  const pool = overview.pool && overview.pool.quota !== null ? { used: overview.pool.used, quota: overview.pool.quota } : null;
  return (
    <div data-testid="tier-move-note">
      <Alert tone="info" title={`You moved from ${move.fromTier} to ${move.toTier} at ${formatUtcTime(move.at)} ${utcDayPhrase(move.at, now)}`}>
        <p>
          {split ? `Requests today: ${formatCount(total.today)} (${split}). ` : null}
          {pool
            ? `Your ${move.toTier} quota counts every request of the period, before and after the move, from all your keys: ${formatCount(pool.used)} / ${formatCount(pool.quota)}.`
            : single && single.quota !== null
            ? `${quotaFromMove(move)}: ${formatCount(single.periodUsed ?? 0)} / ${formatCount(single.quota)}.`
            : counted.length > 1 && counted.length <= 3
              ? `${quotaFromMove(move)}, for each key separately: ${counted.map((k) => `“${k.name}” ${formatCount(k.periodUsed ?? 0)} / ${formatCount(k.quota ?? 0)}`).join(", ")}.`
              : counted.length > 3
                ? `${quotaFromMove(move)}, for each key separately (see “By key”).`
                : null}
        </p>
        <p className="mt-1">{pool ? POOLED_MOVE_REASON : TIER_MOVE_REASON}</p>
      </Alert>
    </div>
  );
}
