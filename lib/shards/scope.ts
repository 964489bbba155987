import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { primaryShardId } from "@/lib/shards/config";

// Which shard the AWS calls of the running code go to. A customer's work (its operations, its usage, its keys'
// values) runs inside withShard(customer's shard); anything else goes to the primary shard.
const current = new AsyncLocalStorage<string>();

export function withShard<T>(shardId: string, run: () => Promise<T>): Promise<T> {
  return current.run(shardId, run);
}

export function currentShardId(): string {
  return current.getStore() ?? primaryShardId();
}
