import "server-only";
import { refusePolicyViolation } from "@/lib/account/password-policy";
import { changePasswordSchema } from "@/lib/account/password.schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { endSessionsIn } from "@/lib/auth/sessions";
import { tooManyAttemptsMessage } from "@/lib/auth/sign-in-errors";
import { accountKey, beginAttempt, succeeded } from "@/lib/auth/throttle";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { invalidInput } from "@/lib/validation/field-errors";

export const PASSWORD_CHANGED = "Your password was changed. Every other session was signed out; use the new password the next time you sign in.";

/**
 * Changes the signed-in user's password after checking the current one. Outstanding reset links stop working, and
 * every other session of the user ends (lib/auth/sessions); the session that made the change stays signed in.
 * A wrong current password is audited as a failure and changes nothing.
 */
export async function changePassword(actor: Actor | null, input: unknown): Promise<Result<{ message: string }>> {
  const allowed = authorize(actor, "account.update");
  if (!allowed.ok) return allowed;
  if (!actor) return fail("unauthenticated", "Please sign in to continue.");
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const audit = { userId: actor.userId, email: actor.email, role: actor.role };
  const weak = refusePolicyViolation("newPassword", parsed.data.newPassword, { email: actor.email, name: actor.name });
  if (weak) return weak;

  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!user?.passwordHash) {
    return fail("invalid", "Your account signs in through an external provider and has no password here. To add one, use “Forgot your password?” on the sign-in page.");
  }
  // Guesses of the current password are throttled like sign-in, on the same per-account counter.
  const account = accountKey(actor.email);
  const attempt = await beginAttempt([account]);
  if (!attempt.allowed) {
    const message = tooManyAttemptsMessage(attempt.retryAfterSeconds);
    return fail("throttled", message, { currentPassword: [message] });
  }
  if (!(await verifyPassword(user.passwordHash, parsed.data.currentPassword))) {
    await db.$transaction((tx) =>
      recordAudit(tx, { actor: audit, action: "account.password_change", target: { type: "user", id: actor.userId }, customerId: actor.customerId, outcome: "failure" }),
    );
    return fail("invalid", "Please correct the highlighted fields.", { currentPassword: ["That is not your current password."] });
  }

  await succeeded(account);
  const passwordHash = await hashPassword(parsed.data.newPassword);
  const now = new Date();
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { passwordHash, passwordChangedAt: now } });
    await tx.passwordResetToken.updateMany({ where: { userId: actor.userId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    await endSessionsIn(tx, actor.userId, { except: actor.sessionId, reason: "password_change", now });
    await recordAudit(tx, { actor: audit, action: "account.password_change", target: { type: "user", id: actor.userId }, customerId: actor.customerId });
  });
  return ok({ message: PASSWORD_CHANGED });
}
