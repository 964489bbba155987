import "server-only";
import { db } from "@/lib/db";

// Password-guessing throttle, shared by sign-in, the password re-entry before revealing a key, and change-password.
//
// Counts failed attempts per account and per client address in the database (AuthThrottle), so every replica sees
// the same counts. The first few failures in a window cost nothing; after that each further attempt has to wait a
// delay that doubles with every failure, up to a cap. An attempt made before its wait is over is refused at once
// (429 with Retry-After), without looking at the password and without counting. This is never a lockout: once the
// wait is over, the right password works, so nobody can lock an owner out for longer than the cap.
// Per-address limits are looser (a shared office address) and catch one address spraying many accounts.
// The message for a refused attempt is tooManyAttemptsMessage (lib/auth/sign-in-errors, shared with the form).

export interface ThrottlePolicy {
  /** Failures in a window before any wait. */
  free: number;
  /** The wait after the first failure beyond `free`; it doubles with each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this (counted from the latest one) are forgotten. */
  windowMs: number;
}

const MINUTE = 60_000;
export const ACCOUNT_POLICY: ThrottlePolicy = { free: 5, baseDelayMs: 1_000, maxDelayMs: 15 * MINUTE, windowMs: 60 * MINUTE };
export const ADDRESS_POLICY: ThrottlePolicy = { free: 50, baseDelayMs: 1_000, maxDelayMs: 15 * MINUTE, windowMs: 60 * MINUTE };

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

export const accountKey = (email: string): ThrottleKey => ({ key: `account:${email.trim().toLowerCase()}`, policy: ACCOUNT_POLICY });
export const addressKey = (address: string): ThrottleKey => ({ key: `address:${address}`, policy: ADDRESS_POLICY });

export type Attempt = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The wait after the `failures`-th failure in a window. */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(failures - policy.free, 30));
}

/**
 * Starts a password attempt. Refused while any key is still waiting; otherwise the attempt is counted as a failure
 * up front (so a burst of parallel guesses cannot all get in before the first one is counted) and `succeeded`
 * takes it back.
 */
export async function beginAttempt(keys: ThrottleKey[], now = new Date()): Promise<Attempt> {
  // Every e-mail ever tried leaves a row; now and then, drop the ones nobody has to wait for and whose failures
  // have been forgotten anyway.
  if (Math.random() < 0.01) await pruneThrottle(now);
  return db.$transaction(async (tx) => {
    const waits: number[] = [];
    const rows = new Map<string, { failures: number; lastFailureAt: Date; nextAttemptAt: Date | null }>();
    for (const { key } of keys) {
      // Lock the row (creating it first if needed) so concurrent attempts on one key are counted one by one.
      await tx.$executeRaw`INSERT INTO "AuthThrottle" ("key", "failures", "lastFailureAt") VALUES (${key}, 0, ${now}) ON CONFLICT ("key") DO NOTHING`;
      const [row] = await tx.$queryRaw<{ failures: number; lastFailureAt: Date; nextAttemptAt: Date | null }[]>`
        SELECT "failures", "lastFailureAt", "nextAttemptAt" FROM "AuthThrottle" WHERE "key" = ${key} FOR UPDATE`;
      if (row) rows.set(key, row);
      if (row?.nextAttemptAt && row.nextAttemptAt > now) waits.push(row.nextAttemptAt.getTime() - now.getTime());
    }
    if (waits.length > 0) return { allowed: false as const, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) };
    for (const { key, policy } of keys) {
      const row = rows.get(key);
      const fresh = !row || now.getTime() - row.lastFailureAt.getTime() > policy.windowMs;
      const failures = (fresh ? 0 : row.failures) + 1;
      const delay = delayAfter(failures, policy);
      await tx.authThrottle.update({
        where: { key },
        data: { failures, lastFailureAt: now, nextAttemptAt: delay > 0 ? new Date(now.getTime() + delay) : null },
      });
    }
    return { allowed: true as const };
  });
}

/**
 * The attempt was right: the account starts afresh, and the address gets back the failure `beginAttempt` counted
 * in advance (its other failures stay, so an attacker cannot wash an address clean with an account of their own).
 */
export async function succeeded(account: ThrottleKey, others: ThrottleKey[] = []): Promise<void> {
  await db.$transaction([
    db.authThrottle.deleteMany({ where: { key: account.key } }),
    ...others.map(({ key }) =>
      db.$executeRaw`UPDATE "AuthThrottle" SET "failures" = GREATEST("failures" - 1, 0) WHERE "key" = ${key}`,
    ),
  ]);
}

/** Deletes counts that no longer matter: past their window and with no wait pending. */
export async function pruneThrottle(now = new Date()): Promise<number> {
  const windowMs = Math.max(ACCOUNT_POLICY.windowMs, ADDRESS_POLICY.windowMs);
  const { count } = await db.authThrottle.deleteMany({
    where: { lastFailureAt: { lt: new Date(now.getTime() - windowMs) }, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lt: now } }] },
  });
  return count;
}
