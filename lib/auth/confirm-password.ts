import "server-only";
import { confirmPasswordSchema as schema } from "@/lib/auth/confirm-password.schema";
import { verifyPassword } from "@/lib/auth/password";
import { reauthCookieValue } from "@/lib/auth/recent-auth";
import { tooManyAttemptsMessage } from "@/lib/auth/sign-in-errors";
import { accountKey, beginAttempt, succeeded } from "@/lib/auth/throttle";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";

/**
 * Checks the signed-in user's password again; on success returns the value of the re-auth cookie to set.
 * Guesses are throttled like sign-in, on the same per-account counter (lib/auth/throttle).
 */
export async function confirmPassword(actor: Actor | null, input: unknown): Promise<Result<{ cookie: string }>> {
  if (!actor) return fail("unauthenticated", "Please sign in to continue.");
  const parsed = schema.safeParse(input);
  if (!parsed.success) return fail("invalid", parsed.error.issues[0]?.message ?? "Enter your password.", { password: parsed.error.issues.map((i) => i.message) });
  const account = accountKey(actor.email);
  const attempt = await beginAttempt([account]);
  if (!attempt.allowed) {
    const message = tooManyAttemptsMessage(attempt.retryAfterSeconds);
    return fail("throttled", message, { password: [message] });
  }
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } });
  const good = !!user?.passwordHash && (await verifyPassword(user.passwordHash, parsed.data.password));
  if (good) await succeeded(account);
  await db.$transaction((tx) =>
    recordAudit(tx, { actor, action: "auth.reauthenticate", target: { type: "user", id: actor.userId }, customerId: actor.customerId, outcome: good ? "success" : "failure" }),
  );
  if (!good) return fail("invalid", "That password is not correct.", { password: ["That password is not correct."] });
  return ok({ cookie: reauthCookieValue(actor.userId, Date.now()) });
}
