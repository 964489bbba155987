import type { ApiKeyStatus } from "@/lib/generated/prisma";

// What a key's status means, in one place (pure: client components use it too).

/**
 * The statuses of a key that still counts: it exists in AWS (or is being created there), takes a place in the tier's
 * key limit, and moves with its customer. FAILED and REVOKED keys are records only.
 */
export const LIVE_KEY_STATUSES: ApiKeyStatus[] = ["PENDING", "ACTIVE", "DISABLED"];

export function isLiveKey(status: ApiKeyStatus): boolean {
  return LIVE_KEY_STATUSES.includes(status);
}

/**
 * The statuses of a key that exists in AWS and can be used or changed: renamed, enabled or disabled, revoked,
 * revealed, counted by GetUsage, moved to another plan. (A PENDING key is live but not there yet.)
 */
export const PROVISIONED_KEY_STATUSES = ["ACTIVE", "DISABLED"] as const satisfies ApiKeyStatus[];
export type ProvisionedKeyStatus = (typeof PROVISIONED_KEY_STATUSES)[number];

export function isProvisionedKey(status: ApiKeyStatus): status is ProvisionedKeyStatus {
  return (PROVISIONED_KEY_STATUSES as readonly ApiKeyStatus[]).includes(status);
}
