// Wording for figures split by a tier move (see lib/usage/tier-moves.ts). Pure, usable in client components.
import { formatCount, formatUtcTime, utcDayPhrase } from "@/lib/format/usage";
import type { PlanShare, TierMove } from "@/lib/usage/tier-moves";

/**
 * "3 on Basic before you moved to Premium at 10:42 UTC, 1 on Premium": today's requests per plan. Null when they
 * were all made on the current plan (nothing to explain). Adds up to the day's total by construction.
 */
export function todaySplit(shares: readonly PlanShare[], move: TierMove | null): string | null {
  const earlier = shares.filter((s) => !s.current);
  const current = shares.find((s) => s.current);
  if (earlier.length === 0 || !current) return null;
  const single = earlier.length === 1 ? earlier[0] : undefined;
  const parts = earlier.map((s) =>
    single && move && s.usagePlanId === move.fromPlanId && current.usagePlanId === move.toPlanId
      ? `${formatCount(s.used)} on ${s.tier} before you moved to ${move.toTier} at ${formatUtcTime(move.at)}`
      : `${formatCount(s.used)} on ${s.tier}`,
  );
  return [...parts, `${formatCount(current.used)} on ${current.tier}`].join(", ");
}

/** "Your Premium quota counts from the move". */
export function quotaFromMove(move: TierMove): string {
  return `Your ${move.toTier} quota counts from the move`;
}

/** "Your Premium quota counts from the move at 10:42 UTC today". */
export function quotaSinceSentence(move: TierMove, now: Date): string {
  return `${quotaFromMove(move)} at ${formatUtcTime(move.at)} ${utcDayPhrase(move.at, now)}`;
}

/** Why the figures are split, in AWS's terms. */
export const TIER_MOVE_REASON =
  "AWS counts a quota per key and per usage plan, and a key moved to a new plan starts with that plan's full quota.";

/** Why a move does not restart the quota: the account's one quota (lib/quota) carries the period's requests. */
export const POOLED_MOVE_REASON =
  "Your account has one quota for the period, shared by all your keys: requests made before a tier move still count against it.";

/** "since the move, 10:42 UTC" (under a key's quota figures; "…, 10:42 UTC on Tue 1 Dec" on an earlier day). */
export function countedSinceMove(move: TierMove, now: Date): string {
  const day = utcDayPhrase(move.at, now);
  return `since the move, ${formatUtcTime(move.at)}${day === "today" ? "" : ` ${day}`}`;
}
