import "server-only";
import { getApiKeyValue } from "@/lib/aws/api-gateway";
import { withCustomerShard } from "@/lib/shards/customer-shard";
import { toAppError } from "@/lib/aws/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { isRecent } from "@/lib/auth/recent-auth";
import { db } from "@/lib/db";
import { isProvisionedKey } from "@/lib/keys/key-status";
import { loadOwnedKey } from "@/lib/keys/load-owned-key";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";

/** Reads a key's value from AWS for its owner. The value is returned to the caller only; the audit log notes the reveal. */
export async function revealKey(actor: Actor | null, keyId: unknown): Promise<Result<{ value: string }>> {
  const owned = await loadOwnedKey(actor, keyId, "key.reveal");
  if (!owned.ok) return owned;
  const key = owned.data;
  if (!actor) return fail("unauthenticated", "Please sign in to continue.");
  if (!key.awsKeyId || !isProvisionedKey(key.status)) return fail("conflict", "This key can no longer be revealed.");
  if (!isRecent(actor.authenticatedAt)) {
    return fail("reauthenticate", "For your security, enter your password again to reveal a key: your sign-in is not recent.");
  }

  let value: string;
  try {
    const awsKeyId = key.awsKeyId;
    value = await withCustomerShard(key.customerId, () => getApiKeyValue(awsKeyId));
  } catch (error) {
    return { ok: false, error: toAppError(error, "Revealing the key failed") };
  }
  await db.$transaction((tx) => recordAudit(tx, { actor, action: "key.reveal", target: { type: "api_key", id: key.id }, customerId: key.customerId }));
  return ok({ value });
}
