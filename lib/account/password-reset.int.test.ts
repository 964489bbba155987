import { beforeEach, describe, expect, it, vi } from "vitest";
import { hashResetToken, isResetTokenUsable, requestPasswordReset, resetPassword, RESET_REQUESTED } from "@/lib/account/password-reset";
import { INVALID_RESET_LINK } from "@/lib/account/password.schema";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { settleBackground } from "@/lib/background";
import { db } from "@/lib/db";
import { flushMail } from "@/lib/mail/send-mail";
import type { OutboxEntry } from "@/lib/mail/file-transport";
import { newCustomer } from "@/test/fixtures";
import { outboxMailsTo, testOutbox } from "@/test/outbox";

// The file transport writes to this directory (read on first use of env(), which happens inside the tests).
const mailDir = testOutbox("reset");
process.env.NEXTAUTH_URL ??= "http://portal.test:3000";


beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  return () => vi.restoreAllMocks();
});

async function settle(): Promise<void> {
  await settleBackground();
  await flushMail();
}

async function mailsTo(email: string): Promise<OutboxEntry[]> {
  await settle();
  return outboxMailsTo(mailDir, email);
}

/** The token of the reset link in a mail, read the way a person would: from the link in the text. */
function tokenIn(mail: OutboxEntry | undefined): string {
  const link = /(https?:\/\/\S+\/reset-password\?token=([A-Za-z0-9_-]+))/.exec(mail?.text ?? "");
  expect(link?.[1]).toMatch(/^https?:\/\/[^/]+\/reset-password\?token=/);
  return link?.[2] ?? "";
}

describe("password reset by e-mailed link", () => {
  it("resets end to end: the link from the outbox sets a new password once", async () => {
    const customer = await newCustomer();
    const answer = await requestPasswordReset({ email: `  ${customer.email.toUpperCase()} ` });
    expect(answer).toEqual({ ok: true, data: { message: RESET_REQUESTED } });

    const mails = await mailsTo(customer.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe("Reset your Gatehouse password");
    const token = tokenIn(mails[0]);
    expect(token).toHaveLength(43);
    expect(mails[0]?.text).toContain(`${process.env.NEXTAUTH_URL?.replace(/\/$/, "")}/reset-password?token=${token}`);

    // Only a hash is stored.
    const stored = await db.passwordResetToken.findMany({ where: { userId: customer.userId } });
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tokenHash).toBe(hashResetToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    const ttl = (stored[0]?.expiresAt.getTime() ?? 0) - (stored[0]?.createdAt.getTime() ?? 0);
    expect(ttl).toBe(60 * 60 * 1000);

    expect(await isResetTokenUsable(token)).toBe(true);
    const reset = await resetPassword({ token, password: "a-fresh-password", confirmPassword: "a-fresh-password" });
    expect(reset).toMatchObject({ ok: true });
    expect(await signInWithPassword(customer.email, "a-fresh-password")).toMatchObject({ id: customer.userId });
    expect(await signInWithPassword(customer.email, "a-long-password")).toBeNull();
    const user = await db.user.findUniqueOrThrow({ where: { id: customer.userId } });
    expect(user.passwordChangedAt).toBeInstanceOf(Date);

    // Single use.
    expect(await isResetTokenUsable(token)).toBe(false);
    const again = await resetPassword({ token, password: "another-password", confirmPassword: "another-password" });
    expect(again).toMatchObject({ ok: false, error: { code: "invalid", message: INVALID_RESET_LINK } });
    expect(await signInWithPassword(customer.email, "a-fresh-password")).not.toBeNull();

    const audit = await db.auditLog.findMany({ where: { actorId: customer.userId, action: { startsWith: "account.password_reset" } }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([
      ["account.password_reset_request", "success"],
      ["account.password_reset", "success"],
    ]);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("refuses a guessable new password or one holding the e-mail, and the link keeps working", async () => {
    const customer = await newCustomer();
    await requestPasswordReset({ email: customer.email });
    const token = tokenIn((await mailsTo(customer.email))[0]);
    for (const [password, message] of [["1234567890", /too easy to guess/], ["aaaaaaaaaa", /too easy to guess/], [customer.email, /e-mail address or name/]] as const) {
      const result = await resetPassword({ token, password, confirmPassword: password });
      expect(result).toMatchObject({ ok: false, error: { code: "invalid" } });
      expect(result.ok ? "" : result.error.fieldErrors?.password?.join(" ")).toMatch(message);
    }
    expect(await isResetTokenUsable(token)).toBe(true);
    expect(await signInWithPassword(customer.email, "a-long-password")).not.toBeNull();
  });

  it("refuses an expired link", async () => {
    const customer = await newCustomer();
    await requestPasswordReset({ email: customer.email });
    const token = tokenIn((await mailsTo(customer.email))[0]);
    await db.passwordResetToken.update({ where: { tokenHash: hashResetToken(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await isResetTokenUsable(token)).toBe(false);
    const result = await resetPassword({ token, password: "a-fresh-password", confirmPassword: "a-fresh-password" });
    expect(result).toMatchObject({ ok: false, error: { code: "invalid", fieldErrors: { token: [INVALID_RESET_LINK] } } });
    expect(await signInWithPassword(customer.email, "a-long-password")).not.toBeNull();
  });

  it("answers the same for an unknown address, and sends nothing", async () => {
    const unknown = `nobody-${Date.now()}@example.com`;
    const tokensBefore = await db.passwordResetToken.count();
    const answer = await requestPasswordReset({ email: unknown });
    const known = await newCustomer();
    expect(answer).toEqual(await requestPasswordReset({ email: known.email }));
    expect(await mailsTo(unknown)).toHaveLength(0);
    expect(await mailsTo(known.email)).toHaveLength(1);
    expect(await db.passwordResetToken.count()).toBe(tokensBefore + 1);
  });

  it("answers before it looks the address up, so its timing cannot tell whether an account exists", async () => {
    const known = await newCustomer();
    // The answer comes back while the lookup, the link and the mail are still to run: for an existing account no
    // link exists yet when the caller has its answer (before the fix, the answer waited for all of it).
    expect(await requestPasswordReset({ email: known.email })).toEqual({ ok: true, data: { message: RESET_REQUESTED } });
    expect(await db.passwordResetToken.count({ where: { userId: known.userId } })).toBe(0);
    expect(await requestPasswordReset({ email: `nobody-${Date.now()}@example.com` })).toEqual({ ok: true, data: { message: RESET_REQUESTED } });
    await settle();
    expect(await db.passwordResetToken.count({ where: { userId: known.userId } })).toBe(1);
    expect(await mailsTo(known.email)).toHaveLength(1);
  });

  it("sends at most three links per account per hour, and only the newest link works", async () => {
    const customer = await newCustomer();
    for (let i = 0; i < 4; i++) {
      expect(await requestPasswordReset({ email: customer.email })).toEqual({ ok: true, data: { message: RESET_REQUESTED } });
    }
    const mails = await mailsTo(customer.email);
    expect(mails).toHaveLength(3);
    expect(await db.passwordResetToken.count({ where: { userId: customer.userId } })).toBe(3);
    const tokens = mails.map(tokenIn);
    expect(new Set(tokens).size).toBe(3);

    for (const old of tokens.slice(0, 2)) {
      expect(await resetPassword({ token: old, password: "a-fresh-password", confirmPassword: "a-fresh-password" })).toMatchObject({ ok: false });
    }
    expect(await resetPassword({ token: tokens[2], password: "a-fresh-password", confirmPassword: "a-fresh-password" })).toMatchObject({ ok: true });

    const throttled = await db.auditLog.findMany({ where: { actorId: customer.userId, action: "account.password_reset_request", outcome: "failure" } });
    expect(throttled).toHaveLength(1);

    // An hour later the limit frees up again.
    await db.passwordResetToken.updateMany({ where: { userId: customer.userId }, data: { createdAt: new Date(Date.now() - 61 * 60 * 1000) } });
    await requestPasswordReset({ email: customer.email });
    expect(await mailsTo(customer.email)).toHaveLength(4);
  });

  it("lets only one of two concurrent resets with the same link through", async () => {
    const customer = await newCustomer();
    await requestPasswordReset({ email: customer.email });
    const token = tokenIn((await mailsTo(customer.email))[0]);
    const results = await Promise.all([
      resetPassword({ token, password: "first-new-password", confirmPassword: "first-new-password" }),
      resetPassword({ token, password: "second-new-password", confirmPassword: "second-new-password" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const winner = results[0]?.ok ? "first-new-password" : "second-new-password";
    expect(await signInWithPassword(customer.email, winner)).not.toBeNull();
  });

  it("refuses malformed input with clear messages and writes nothing", async () => {
    const tokensBefore = await db.passwordResetToken.count();
    for (const email of ["", "x".repeat(10_240), "a\u0000b@example.com", "<script>alert(1)</script>@example.com", "a@example.com\r\nBcc: b@example.com"]) {
      const result = await requestPasswordReset({ email });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.fieldErrors?.email?.[0]).toMatch(/e-mail address/);
    }
    for (const token of ["", "x".repeat(10_240), "<script>alert(1)</script>", "A".repeat(43)]) {
      const result = await resetPassword({ token, password: "a-fresh-password", confirmPassword: "a-fresh-password" });
      expect(result).toMatchObject({ ok: false, error: { code: "invalid", fieldErrors: { token: [INVALID_RESET_LINK] } } });
    }
    expect(await db.passwordResetToken.count()).toBe(tokensBefore);
  });
});
