import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { db } from "@/lib/db";
import { errorFields, logger } from "@/lib/observability/log";

// Leases in the database (the JobLease table) let one process at a time run a job when several portal and worker
// replicas share the database. A lease names its holder and expires: a holder that crashes stops renewing, and
// another process takes the lease over once it has expired. Times are the database's, so hosts' clocks need not agree.
// (Advisory locks would need a session of their own per lock, which the embedded database, one session shared by
// every connection, cannot give.)

/** This process, as a lease holder. */
export const processHolder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** Takes the lease if nobody holds it, its holder let it expire, or `holder` already has it (a released lease has
 * no holder). */
export async function acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
  const rows = await db.$queryRaw<{ holder: string }[]>`
    INSERT INTO "JobLease" (name, holder, "expiresAt", "updatedAt")
    VALUES (${name}, ${holder}, (now() AT TIME ZONE 'UTC') + make_interval(secs => ${ttlMs / 1000}), (now() AT TIME ZONE 'UTC'))
    ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, "expiresAt" = EXCLUDED."expiresAt", "updatedAt" = EXCLUDED."updatedAt"
      WHERE "JobLease"."expiresAt" <= (now() AT TIME ZONE 'UTC') OR "JobLease".holder = EXCLUDED.holder
    RETURNING holder`;
  return rows.length === 1;
}

/** Extends a lease `holder` still has; false when it has lost it (expired and taken over). */
export async function renewLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE "JobLease" SET "expiresAt" = (now() AT TIME ZONE 'UTC') + make_interval(secs => ${ttlMs / 1000}), "updatedAt" = (now() AT TIME ZONE 'UTC')
    WHERE name = ${name} AND holder = ${holder}`;
  return count === 1;
}

/**
 * Gives the lease up. `keepMs` keeps everyone (`holder` too) out that much longer from now: a periodic job's lease
 * then says when the job is due next.
 */
export async function releaseLease(name: string, holder: string, { keepMs = 0 }: { keepMs?: number } = {}): Promise<void> {
  await db.$executeRaw`
    UPDATE "JobLease" SET holder = '', "expiresAt" = (now() AT TIME ZONE 'UTC') + make_interval(secs => ${keepMs / 1000}), "updatedAt" = (now() AT TIME ZONE 'UTC')
    WHERE name = ${name} AND holder = ${holder}`;
}

export type Exclusive<T> = { ran: true; result: T } | { ran: false };

/**
 * Runs `fn` if this process gets the lease `name`, renewing it every third of `ttlMs` while `fn` runs, and releases
 * it afterwards (held `keepMs` longer, see releaseLease). Another process holding it: returns { ran: false } at once.
 */
export async function runExclusive<T>(
  name: string,
  ttlMs: number,
  fn: () => Promise<T>,
  { holder = processHolder, keepMs = 0 }: { holder?: string; keepMs?: number } = {},
): Promise<Exclusive<T>> {
  if (!(await acquireLease(name, holder, ttlMs))) return { ran: false };
  let renewing: Promise<unknown> = Promise.resolve();
  const renewal = setInterval(() => {
    renewing = renewLease(name, holder, ttlMs).then(
      (kept) => kept || logger("lease").error({ lease: name }, "lease lost: it expired and another process took it over"),
      (error: unknown) => logger("lease").error({ lease: name, ...errorFields(error) }, "lease renewal failed"),
    );
  }, Math.max(50, Math.floor(ttlMs / 3)));
  try {
    return { ran: true, result: await fn() };
  } finally {
    clearInterval(renewal);
    await renewing; // a renewal still on its way must not land after the release
    await releaseLease(name, holder, { keepMs });
  }
}

/**
 * A periodic job run once per period across every replica: the first process to find it due runs it, and its
 * lease then keeps the others out until the period has passed. `firstDueInMs` sets when a job nobody has run yet is
 * due (0: at once). `ttlMs` is how long a crashed runner keeps the job from being taken over.
 */
export async function runIfDue<T>(
  name: string,
  everyMs: number,
  fn: () => Promise<T>,
  { ttlMs = 2 * 60_000, firstDueInMs = everyMs, holder = processHolder }: { ttlMs?: number; firstDueInMs?: number; holder?: string } = {},
): Promise<Exclusive<T>> {
  await db.$executeRaw`
    INSERT INTO "JobLease" (name, holder, "expiresAt") VALUES (${name}, '', (now() AT TIME ZONE 'UTC') + make_interval(secs => ${firstDueInMs / 1000}))
    ON CONFLICT (name) DO NOTHING`;
  return runExclusive(name, ttlMs, fn, { holder, keepMs: everyMs });
}
