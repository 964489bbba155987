import "server-only";
import { db } from "@/lib/db";
import { withShard } from "@/lib/shards/scope";

// Runs work for one customer's keys against the shard holding them (outside operations, which lib/operations/run.ts
// scopes itself): revealing a key, the try-it console's key value, a usage refresh.

export async function withCustomerShard<T>(customerId: string, run: () => Promise<T>): Promise<T> {
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { shardId: true } });
  return customer ? withShard(customer.shardId, run) : run();
}

/**
 * The same, for a usage plan known by its id: the shard whose copy of a tier's plan it is (ShardUsagePlan), else the
 * shard of a customer whose keys are in it, else the primary shard.
 */
export async function withPlanShard<T>(usagePlanId: string, run: () => Promise<T>): Promise<T> {
  const copy = await db.shardUsagePlan.findFirst({ where: { usagePlanId }, select: { shardId: true } });
  if (copy) return withShard(copy.shardId, run);
  const key = await db.apiKey.findFirst({ where: { usagePlanId }, select: { customer: { select: { shardId: true } } } });
  return key ? withShard(key.customer.shardId, run) : run();
}

/** The same, for a key known by its AWS id. */
export async function withAwsKeyShard<T>(awsKeyId: string, run: () => Promise<T>): Promise<T> {
  const key = await db.apiKey.findUnique({ where: { awsKeyId }, select: { customer: { select: { shardId: true } } } });
  return key ? withShard(key.customer.shardId, run) : run();
}
