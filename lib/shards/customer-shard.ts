import "server-only";
import { db } from "@/lib/db";
import { withShard } from "@/lib/shards/scope";

// Runs work for one customer's keys against the shard holding them (outside operations, which lib/operations/run.ts
// scopes itself): revealing a key, the try-it console's key value, a usage refresh.

export async function withCustomerShard<T>(customerId: string, run: () => Promise<T>): Promise<T> {
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { shardId: true } });
  return customer ? withShard(customer.shardId, run) : run();
}

/** The same, for a key known by its AWS id. */
export async function withAwsKeyShard<T>(awsKeyId: string, run: () => Promise<T>): Promise<T> {
  const key = await db.apiKey.findUnique({ where: { awsKeyId }, select: { customer: { select: { shardId: true } } } });
  return key ? withShard(key.customer.shardId, run) : run();
}
