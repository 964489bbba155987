import "server-only";
import { db } from "@/lib/db";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { ok, type Result } from "@/lib/result";
import { shardFill, type ShardFill } from "@/lib/shards/placement";

export interface ShardFillRow extends ShardFill {
  /** Live keys as a share of the limit, 0–100. */
  percent: number;
}

/** Each configured shard's fill for the admin console: live keys of the account's key limit, and customers. */
export async function shardFillFor(actor: Actor | null): Promise<Result<ShardFillRow[]>> {
  const allowed = authorize(actor, "shard.read");
  if (!allowed.ok) return allowed;
  const fill = await shardFill(db);
  return ok(fill.map((s) => ({ ...s, percent: s.keyLimit > 0 ? (s.liveKeys / s.keyLimit) * 100 : 100 })));
}
