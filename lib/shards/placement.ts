import "server-only";
import type { Prisma } from "@/lib/generated/prisma";
import { LIVE_KEY_STATUSES } from "@/lib/keys/key-status";
import { fail, ok, type Result } from "@/lib/result";
import { shardsConfig } from "@/lib/shards/config";

// Where a new customer's keys go: the shard with the most room, counting every live key on it (lib/keys/key-status)
// and keeping the customer's tier's key limit free for it. Near a limit, placements and new keys take one
// transaction lock and count again, so concurrent sign-ups cannot overfill a shard between counting and inserting;
// with plenty of room they do not wait for each other.

const PLACEMENT_LOCK = 7_310_012; // pg_advisory_xact_lock key
/** Room (keys) above which a placement does not need the lock: more than any burst of concurrent sign-ups adds. */
const UNLOCKED_MARGIN = 500;

export interface ShardFill {
  id: string;
  region: string | null;
  keyLimit: number;
  liveKeys: number;
  customers: number;
}

type Client = Pick<Prisma.TransactionClient, "$queryRaw">;

/** Every configured shard with its live keys and customers (shards without any count 0). */
export async function shardFill(client: Client): Promise<ShardFill[]> {
  const keys = await client.$queryRaw<{ shardId: string; n: bigint }[]>`
    SELECT c."shardId", count(*) AS n FROM "ApiKey" k JOIN "Customer" c ON c.id = k."customerId"
    WHERE k.status::text = ANY(${[...LIVE_KEY_STATUSES]}::text[]) GROUP BY c."shardId"`;
  const customers = await client.$queryRaw<{ shardId: string; n: bigint }[]>`
    SELECT "shardId", count(*) AS n FROM "Customer" WHERE status <> 'DELETED' GROUP BY "shardId"`;
  const keysOf = new Map(keys.map((r) => [r.shardId, Number(r.n)]));
  const customersOf = new Map(customers.map((r) => [r.shardId, Number(r.n)]));
  return shardsConfig().map((s) => ({
    id: s.id,
    region: s.region ?? null,
    keyLimit: s.keyLimit,
    liveKeys: keysOf.get(s.id) ?? 0,
    customers: customersOf.get(s.id) ?? 0,
  }));
}

async function lockPlacement(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PLACEMENT_LOCK})`;
}

export const allShardsFull = () =>
  fail("unavailable", "Every shard is full: no AWS account has room for another customer's keys. An operator must add a shard.");

/** Picks the shard for a new customer on a tier allowing `maxKeys` keys; holds the placement lock until commit. */
export async function chooseShardIn(tx: Prisma.TransactionClient, tier: { maxKeys: number }): Promise<Result<string>> {
  const room = (s: ShardFill) => s.keyLimit - s.liveKeys;
  const pick = (fill: ShardFill[]) => fill.filter((s) => room(s) >= tier.maxKeys).sort((a, b) => room(b) - room(a))[0];
  const roomy = pick(await shardFill(tx));
  if (roomy && room(roomy) >= tier.maxKeys + UNLOCKED_MARGIN) return ok(roomy.id);
  await lockPlacement(tx);
  const best = pick(await shardFill(tx));
  return best ? ok(best.id) : allShardsFull();
}

/** Whether the customer's shard can take one more key (checked when a key is queued, under the placement lock). */
export async function shardHasRoomIn(tx: Prisma.TransactionClient, shardId: string): Promise<boolean> {
  const roomOf = async () => {
    const fill = (await shardFill(tx)).find((s) => s.id === shardId);
    return fill ? fill.keyLimit - fill.liveKeys : 0;
  };
  if ((await roomOf()) > UNLOCKED_MARGIN) return true;
  await lockPlacement(tx);
  return (await roomOf()) > 0;
}
