import "server-only";
import { getApiKeyValue } from "@/lib/aws/api-gateway";
import { withAwsKeyShard } from "@/lib/shards/customer-shard";

// Key values read for the try-it console, kept in this process's memory for a minute so a customer clicking Send
// repeatedly costs one GetApiKey (a rate-limited control-plane call), not one per click. Never logged, never stored.
const TTL_MS = 60_000;
const MAX_ENTRIES = 500;
const values = new Map<string, { value: string; expiresAt: number }>();

/** The value of an AWS API key (by AWS id), for sending it to the gateway on the owner's behalf. */
export async function keyValueFor(awsKeyId: string): Promise<string> {
  const now = Date.now();
  const cached = values.get(awsKeyId);
  if (cached && cached.expiresAt > now) return cached.value;
  const value = await withAwsKeyShard(awsKeyId, () => getApiKeyValue(awsKeyId));
  if (values.size >= MAX_ENTRIES) {
    for (const [id, entry] of values) if (entry.expiresAt <= now) values.delete(id);
    if (values.size >= MAX_ENTRIES) values.clear();
  }
  values.set(awsKeyId, { value, expiresAt: now + TTL_MS });
  return value;
}
