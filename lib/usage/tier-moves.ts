// How a tier move splits a key's figures. AWS counts requests per key *and usage plan*, and a key moved to another
// plan starts with that plan's full quota: the day's requests are the sum over the plans the key was in, while the
// quota counts only what the key did in its current plan since it arrived there. Pure.
import type { StoredUsageDay } from "@/lib/usage/period-usage";

/** A finished tier move of the customer (every live key moved from one usage plan to another). */
export interface TierMove {
  at: Date;
  fromPlanId: string;
  toPlanId: string;
  fromTier: string;
  toTier: string;
}

export interface PlanShare {
  usagePlanId: string;
  tier: string;
  used: number;
  /** The key's plan now: what its quota counts. */
  current: boolean;
}

/** A stored day with its plan. */
export interface PlanUsageDay extends StoredUsageDay {
  usagePlanId: string;
}

/**
 * A key's requests on `day` per plan: the plans it left first (in the order it left them), its current plan last
 * (always present, even at 0). Plans without requests that day are left out, except the current one.
 */
export function sharesOnDay(
  days: readonly PlanUsageDay[],
  day: string,
  currentPlanId: string,
  tierOf: (usagePlanId: string) => string,
  moves: readonly TierMove[],
): PlanShare[] {
  const used = new Map<string, number>();
  for (const d of days) if (d.date === day) used.set(d.usagePlanId, (used.get(d.usagePlanId) ?? 0) + d.used);
  const leftAt = (planId: string) => {
    const left = moves.filter((m) => m.fromPlanId === planId).at(-1);
    return left ? left.at.getTime() : Number.POSITIVE_INFINITY;
  };
  const others = [...used.entries()]
    .filter(([planId, n]) => planId !== currentPlanId && n > 0)
    .sort(([a], [b]) => leftAt(a) - leftAt(b) || a.localeCompare(b))
    .map(([usagePlanId, n]) => ({ usagePlanId, tier: tierOf(usagePlanId), used: n, current: false }));
  return [...others, { usagePlanId: currentPlanId, tier: tierOf(currentPlanId), used: used.get(currentPlanId) ?? 0, current: true }];
}

/**
 * The move that started the key's current quota count: the latest move into its current plan inside the quota
 * window (from `windowStart`), made while the key existed. Null when the key has been in its plan all period.
 */
export function quotaCountsFrom(
  moves: readonly TierMove[],
  currentPlanId: string,
  windowStart: Date,
  keyCreatedAt: Date,
): TierMove | null {
  const into = moves.filter((m) => m.toPlanId === currentPlanId && m.at >= windowStart && m.at > keyCreatedAt);
  return into.reduce<TierMove | null>((last, m) => (last === null || m.at > last.at ? m : last), null);
}

/** Adds up several keys' shares per plan (for "all keys"), keeping the first key's order; the current plan last. */
export function addShares(perKey: readonly PlanShare[][]): PlanShare[] {
  const byPlan = new Map<string, PlanShare>();
  for (const shares of perKey) {
    for (const s of shares) {
      const seen = byPlan.get(s.usagePlanId);
      if (seen) byPlan.set(s.usagePlanId, { ...seen, used: seen.used + s.used, current: seen.current || s.current });
      else byPlan.set(s.usagePlanId, { ...s });
    }
  }
  const all = [...byPlan.values()];
  return [...all.filter((s) => !s.current && s.used > 0), ...all.filter((s) => s.current)];
}
