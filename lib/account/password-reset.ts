import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { resetMail } from "@/lib/account/reset-mail";
import { refusePolicyViolation } from "@/lib/account/password-policy";
import { forgotPasswordSchema, INVALID_RESET_LINK, resetPasswordSchema, resetTokenSchema } from "@/lib/account/password.schema";
import { hashPassword } from "@/lib/auth/password";
import { endSessionsIn } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma";
import { runInBackground } from "@/lib/background";
import { sendMail } from "@/lib/mail/send-mail";
import { fail, ok, type Result } from "@/lib/result";
import { invalidInput } from "@/lib/validation/field-errors";

// Password reset by e-mailed link. The link carries 32 random bytes; the database keeps only their SHA-256, so a
// database leak yields no usable link. A link works once, for one hour, and only the newest one works.

export const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;
export const RESET_REQUESTS_PER_HOUR = 3;
export const RESET_REQUESTED =
  "If an account exists for that e-mail address, we sent it a link to choose a new password. The link works for one hour; check your spam folder if it does not arrive.";
export const PASSWORD_RESET_DONE = "Your password was changed. Sign in with your new password.";

export function hashResetToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * Starts a reset. Answers the same whether or not the address has an account, and just as fast: the answer only
 * waits for the form to be parsed; looking the address up, issuing the link and mailing it happen in the
 * background. At most three links per account per hour; older links stop working.
 */
export async function requestPasswordReset(input: unknown): Promise<Result<{ message: string }>> {
  const parsed = forgotPasswordSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { email } = parsed.data;
  runInBackground("password reset request", () => sendResetLink(email));
  return ok({ message: RESET_REQUESTED });
}

async function sendResetLink(email: string): Promise<void> {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, role: true, customerId: true, customer: { select: { status: true } } },
  });
  if (!user || user.customer?.status === "DELETED") return;
  const token = await issueResetToken(user);
  if (token) await sendMail(resetMail(user.email, token));
}

async function issueResetToken(user: { id: string; email: string; role: Role; customerId: string | null }): Promise<string | null> {
  return db.$transaction(async (tx) => {
    // Serialise requests per user so concurrent ones cannot slip past the hourly limit.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${user.id} FOR UPDATE`;
    const now = new Date();
    const recent = await tx.passwordResetToken.count({ where: { userId: user.id, createdAt: { gt: new Date(now.getTime() - 60 * 60 * 1000) } } });
    const audit = { actor: { userId: user.id, email: user.email, role: user.role }, target: { type: "user", id: user.id }, customerId: user.customerId };
    if (recent >= RESET_REQUESTS_PER_HOUR) {
      await recordAudit(tx, { ...audit, action: "account.password_reset_request", outcome: "failure", meta: { reason: "rate_limited" } });
      return null;
    }
    await tx.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    const token = randomBytes(32).toString("base64url");
    await tx.passwordResetToken.create({
      data: { userId: user.id, tokenHash: hashResetToken(token), createdAt: now, expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS) },
    });
    await recordAudit(tx, { ...audit, action: "account.password_reset_request" });
    return token;
  });
}

async function findUsableToken(token: string, now: Date) {
  const record = await db.passwordResetToken.findUnique({
    where: { tokenHash: hashResetToken(token) },
    select: { id: true, userId: true, expiresAt: true, usedAt: true, user: { select: { email: true, name: true, role: true, customerId: true, customer: { select: { status: true } } } } },
  });
  if (!record || record.usedAt || record.expiresAt <= now || record.user.customer?.status === "DELETED") return null;
  return record;
}

/** Whether a link can still be used (for the reset page, so nobody types a new password into a dead link). */
export async function isResetTokenUsable(token: string): Promise<boolean> {
  const parsed = resetTokenSchema.safeParse(token);
  return parsed.success && (await findUsableToken(parsed.data, new Date())) !== null;
}

/** Sets a new password with a reset link: once, within the hour; the user's other links stop working too. */
export async function resetPassword(input: unknown): Promise<Result<{ message: string }>> {
  const parsed = resetPasswordSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const linkFailure = fail("invalid", INVALID_RESET_LINK, { token: [INVALID_RESET_LINK] });
  const record = await findUsableToken(parsed.data.token, new Date());
  if (!record) return linkFailure;
  const weak = refusePolicyViolation("password", parsed.data.password, { email: record.user.email, name: record.user.name });
  if (weak) return weak;

  const passwordHash = await hashPassword(parsed.data.password);
  return db.$transaction(async (tx) => {
    const now = new Date();
    // Claiming the token is the single-use check: of two concurrent resets, only one updates the row.
    const claimed = await tx.passwordResetToken.updateMany({ where: { id: record.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) return linkFailure;
    await tx.user.update({ where: { id: record.userId }, data: { passwordHash, passwordChangedAt: now } });
    await tx.passwordResetToken.updateMany({ where: { userId: record.userId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    await endSessionsIn(tx, record.userId, { reason: "password_reset", now });
    await recordAudit(tx, {
      actor: { userId: record.userId, email: record.user.email, role: record.user.role },
      action: "account.password_reset",
      target: { type: "user", id: record.userId },
      customerId: record.user.customerId,
    });
    return ok({ message: PASSWORD_RESET_DONE });
  });
}
