import type { Prisma } from "@/lib/generated/prisma";
import { LIVE_KEY_STATUSES } from "@/lib/keys/key-status";

// The tier's key limit, in one place: every live key (lib/keys/key-status) takes a place, up to the tier's maxKeys.
// Pure except countLiveKeys, which takes the caller's database client (or transaction), so client components can
// import the rest.

interface TierLimit {
  name: string;
  maxKeys: number;
}

/** Counts the customer's keys that take a place in the limit. */
export function countLiveKeys(client: Pick<Prisma.TransactionClient, "apiKey">, customerId: string): Promise<number> {
  return client.apiKey.count({ where: { customerId, status: { in: LIVE_KEY_STATUSES } } });
}

/** Whether one more key fits in the tier. */
export function roomForAnotherKey(liveKeys: number, tier: TierLimit): boolean {
  return liveKeys < tier.maxKeys;
}

/** Whether the customer's keys all fit in a tier it would move to. */
export function keysFitTier(liveKeys: number, tier: TierLimit): boolean {
  return liveKeys <= tier.maxKeys;
}

/** Why another key cannot be created. */
export function keyLimitReached(tier: TierLimit): string {
  return `The ${tier.name} tier allows ${tier.maxKeys} keys. Revoke one before creating another.`;
}

/** Why the customer cannot move to a tier. */
export function tooManyKeysFor(tier: TierLimit, liveKeys: number): string {
  return `The ${tier.name} tier allows ${tier.maxKeys} keys and you have ${liveKeys}. Revoke some keys first.`;
}
