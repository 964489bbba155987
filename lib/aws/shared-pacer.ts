import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { bucketsFor, intervalMs, toleranceMs, type Pacer } from "@/lib/aws/control-plane-limits";
import { db } from "@/lib/db";

export interface Reservation {
  /** How long the caller waits before its call. */
  waitMs: number;
  /** When the call may go, in milliseconds since the epoch by the database's clock. */
  at: number;
}

/**
 * Control-plane pacing shared by every portal and worker process on the database: one row per bucket and scope (the
 * AWS account, or shard, the limits belong to), holding the bucket's theoretical arrival time. A reservation is one
 * UPDATE that locks the call's buckets (always in the same order), picks the slot they all allow and charges each at
 * that slot (slotFor and tatAfter in lib/aws/control-plane-limits.ts, written in SQL), so concurrent processes take
 * turns on the rows and together stay within the limits. Times are the database's clock, so hosts need not agree.
 */
export class SharedPacer implements Pacer {
  private readonly created = new Set<string>();

  constructor(readonly scope: string) {}

  /** Creates the rows of buckets this process has not used yet (full: TAT 0). */
  private async ensureBuckets(names: string[]): Promise<void> {
    const missing = names.filter((name) => !this.created.has(name));
    if (missing.length === 0) return;
    await db.$executeRaw`
      INSERT INTO "ControlPlaneBucket" (scope, name, tat) SELECT ${this.scope}, name, 0 FROM unnest(${missing}::text[]) AS name
      ON CONFLICT (scope, name) DO NOTHING`;
    for (const name of missing) this.created.add(name);
  }

  /** Reserves the next slot for a call of `commandName`; the caller waits `waitMs`, then calls. */
  async reserve(commandName: string): Promise<Reservation> {
    const buckets = bucketsFor(commandName);
    await this.ensureBuckets(buckets.map((b) => b.name));
    const rows = await db.$queryRaw<{ slot: number; now: number }[]>`
      WITH spec AS (
        SELECT * FROM unnest(${buckets.map((b) => b.name)}::text[], ${buckets.map((b) => intervalMs(b.spec))}::float8[],
          ${buckets.map((b) => toleranceMs(b.spec))}::float8[]) AS s(name, interval, tolerance)
      ),
      current AS (
        SELECT b.name, b.tat, spec.interval, spec.tolerance FROM "ControlPlaneBucket" b JOIN spec ON spec.name = b.name
        WHERE b.scope = ${this.scope} ORDER BY b.name FOR UPDATE OF b
      ),
      slot AS (
        SELECT now, GREATEST(now, (SELECT max(tat - tolerance) FROM current)) AS at
        FROM (SELECT extract(epoch FROM clock_timestamp())::float8 * 1000 AS now FROM (SELECT count(*) FROM current) locked) clock
      )
      UPDATE "ControlPlaneBucket" b SET tat = GREATEST(current.tat, slot.at) + current.interval
      FROM current, slot WHERE b.scope = ${this.scope} AND b.name = current.name
      RETURNING slot.at AS slot, slot.now AS now`;
    const row = rows[0];
    if (!row || rows.length !== buckets.length) throw new Error(`control-plane buckets of ${this.scope} are missing`);
    const at = Number(row.slot);
    return { waitMs: Math.max(0, Math.ceil(at - Number(row.now))), at };
  }

  async acquire(commandName: string): Promise<void> {
    const { waitMs } = await this.reserve(commandName);
    if (waitMs > 0) await sleep(waitMs);
  }
}

const pacers = new Map<string, SharedPacer>();

/** The pacer of one AWS account (shard); "default" while Gatehouse uses one account. One instance per scope. */
export function pacerFor(scope: string): SharedPacer {
  let pacer = pacers.get(scope);
  if (!pacer) pacers.set(scope, (pacer = new SharedPacer(scope)));
  return pacer;
}
