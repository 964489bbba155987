import type { ApiKeyStatus } from "@/lib/generated/prisma";

/**
 * The statuses of a key that still counts: it exists in AWS (or is being created there), takes a place in the tier's
 * key limit, and moves with its customer. FAILED and REVOKED keys are records only.
 */
export const LIVE_KEY_STATUSES: ApiKeyStatus[] = ["PENDING", "ACTIVE", "DISABLED"];

export function isLiveKey(status: ApiKeyStatus): boolean {
  return LIVE_KEY_STATUSES.includes(status);
}
