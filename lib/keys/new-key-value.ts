import "server-only";
import { getApiKeyValue } from "@/lib/aws/api-gateway";
import { db } from "@/lib/db";
import { withAwsKeyShard } from "@/lib/shards/customer-shard";
import type { RunOutcome } from "@/lib/operations/run";

/**
 * The value of a key that was just provisioned, for its one showing to the customer who asked for it. The operation
 * that ran in this request returns it; when the background worker finished the operation first, it is read back
 * from AWS (the portal never stores it). Null when neither is possible; the customer can still reveal it later.
 */
export async function newKeyValue(outcome: RunOutcome, keyId: string): Promise<string | null> {
  if (outcome.status !== "succeeded") return null;
  if (outcome.result?.keyValue) return outcome.result.keyValue;
  const record = await db.apiKey.findUnique({ where: { id: keyId }, select: { awsKeyId: true } });
  const awsKeyId = record?.awsKeyId;
  return awsKeyId ? await withAwsKeyShard(awsKeyId, () => getApiKeyValue(awsKeyId)).catch(() => null) : null;
}
