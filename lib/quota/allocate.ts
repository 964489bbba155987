// How a customer's pooled remainder is split over its live keys, and whether a customer needs rebalancing. Pure.
//
// Allocation: R (the pooled remainder) is split in equal shares over the live keys; the remainder of the division
// goes one request each to the keys that used the most in the period (ties: the key id), so the split is
// deterministic. Equal shares keep every key usable (an idle key that wakes up is not at 0) and make the sum exactly
// R, never more: the invariant "sum of the keys' AWS remaining ≤ R" holds right after a rebalance. A busy key that
// runs dry while R > 0 (its share spent, others' left) is "starving": the next sweep splits what is left again.

export interface KeyShareInput {
  /** The key's id (the portal's record id): the tie-breaker. */
  id: string;
  /** Requests the key made in the current quota period (all plans): busier keys get the odd requests first. */
  used: number;
}

/** The remaining quota each key should have so that together they hold exactly `pooledRemaining`. */
export function allocateRemaining(pooledRemaining: number, keys: readonly KeyShareInput[]): Map<string, number> {
  const shares = new Map<string, number>();
  if (keys.length === 0) return shares;
  const total = Math.max(0, Math.floor(pooledRemaining));
  const base = Math.floor(total / keys.length);
  let extra = total - base * keys.length;
  const order = [...keys].sort((a, b) => b.used - a.used || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const key of order) {
    shares.set(key.id, base + (extra > 0 ? 1 : 0));
    if (extra > 0) extra -= 1;
  }
  return shares;
}

export interface PoolSnapshot {
  /** The tier's quota for the period (plus any pooled grant). */
  quota: number;
  /** Pooled used (all keys, all plans, this period). */
  used: number;
  /** AWS's current remaining of each live key in the customer's current plan. */
  keys: readonly { id: string; remaining: number }[];
  /** A key was added to a plan (created, rotated, moved, enabled) in this period. */
  changedThisPeriod: boolean;
}

export type RebalanceReason = "over-allocated" | "starving" | null;

/**
 * Whether the sweep should rebalance the customer now, and why:
 * - over-allocated: the keys together may use more than is left of the pool (a period reset gives every key the full
 *   quota again; a key added outside the portal's operations; another key's usage that counts but is not in this
 *   key's AWS figure), and that can matter: past half the quota, or a key added to a plan this period. Under half
 *   the quota, the keys cannot together pass it before the next sweep at any realistic rate, so those customers cost
 *   no calls (at a period reset, most customers).
 * - starving: a key is at 0 while the pool still has requests left.
 */
export function rebalanceReason(pool: PoolSnapshot): RebalanceReason {
  if (pool.keys.length === 0) return null;
  const remaining = Math.max(0, pool.quota - pool.used);
  const allocated = pool.keys.reduce((sum, k) => sum + Math.max(0, k.remaining), 0);
  if (allocated > remaining && (pool.used * 2 >= pool.quota || pool.changedThisPeriod)) return "over-allocated";
  if (remaining > 0 && pool.keys.some((k) => k.remaining <= 0)) return "starving";
  return null;
}
