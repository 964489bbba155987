import { describe, expect, it } from "vitest";
import { changePassword } from "@/lib/account/change-password";
import { verifyPassword } from "@/lib/auth/password";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { newCustomer } from "@/test/fixtures";

// newCustomer() signs up with the password "a-long-password".
const CURRENT = "a-long-password";

async function passwordHashOf(userId: string) {
  return (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } })).passwordHash ?? "";
}

describe("changing the password", () => {
  it("refuses a wrong current password, audits the attempt, and keeps the old password", async () => {
    const customer = await newCustomer();
    const before = await passwordHashOf(customer.userId);
    const result = await changePassword(customer, { currentPassword: "not-my-password", newPassword: "brand-new-password", confirmPassword: "brand-new-password" });
    expect(result).toMatchObject({ ok: false, error: { code: "invalid", fieldErrors: { currentPassword: ["That is not your current password."] } } });
    expect(await passwordHashOf(customer.userId)).toBe(before);
    const audit = await db.auditLog.findMany({ where: { actorId: customer.userId, action: "account.password_change" } });
    expect(audit.map((a) => a.outcome)).toEqual(["failure"]);
    expect(JSON.stringify(audit)).not.toContain("not-my-password");
  });

  it("sets the new password: it verifies, signs in, and the old one no longer does", async () => {
    const customer = await newCustomer();
    const result = await changePassword(customer, { currentPassword: CURRENT, newPassword: "brand-new-password", confirmPassword: "brand-new-password" });
    expect(result.ok).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { id: customer.userId } });
    expect(await verifyPassword(user.passwordHash ?? "", "brand-new-password")).toBe(true);
    expect(await verifyPassword(user.passwordHash ?? "", CURRENT)).toBe(false);
    expect(user.passwordChangedAt).toBeInstanceOf(Date);
    expect(await signInWithPassword(customer.email, "brand-new-password")).toMatchObject({ id: customer.userId });
    expect(await signInWithPassword(customer.email, CURRENT)).toBeNull();
    const audit = await db.auditLog.findMany({ where: { actorId: customer.userId, action: "account.password_change" } });
    expect(audit.map((a) => a.outcome)).toEqual(["success"]);
    expect(JSON.stringify(audit)).not.toContain("brand-new-password");
  });

  it("refuses bad new passwords with messages by the field and writes nothing", async () => {
    const customer = await newCustomer();
    const before = await passwordHashOf(customer.userId);
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ currentPassword: "", newPassword: "", confirmPassword: "" }, "currentPassword", /Enter your current password/],
      [{ currentPassword: CURRENT, newPassword: "short", confirmPassword: "short" }, "newPassword", /at least 10/],
      [{ currentPassword: CURRENT, newPassword: "x".repeat(10_240), confirmPassword: "x".repeat(10_240) }, "newPassword", /at most 128/],
      [{ currentPassword: CURRENT, newPassword: "tab\tin-password", confirmPassword: "tab\tin-password" }, "newPassword", /control characters/],
      [{ currentPassword: CURRENT, newPassword: "brand-new-password", confirmPassword: "brand-new-passwore" }, "confirmPassword", /do not match/],
      [{ currentPassword: CURRENT, newPassword: CURRENT, confirmPassword: CURRENT }, "newPassword", /differs from your current one/],
      // NIST SP 800-63B: no common, repetitive or sequential password, and none holding the e-mail or name.
      [{ currentPassword: CURRENT, newPassword: "1234567890", confirmPassword: "1234567890" }, "newPassword", /too easy to guess/],
      [{ currentPassword: CURRENT, newPassword: "aaaaaaaaaa", confirmPassword: "aaaaaaaaaa" }, "newPassword", /too easy to guess/],
      [{ currentPassword: CURRENT, newPassword: customer.email, confirmPassword: customer.email }, "newPassword", /e-mail address or name/],
      [{ currentPassword: CURRENT, newPassword: "Test Customer 2026", confirmPassword: "Test Customer 2026" }, "newPassword", /e-mail address or name/],
    ];
    for (const [input, field, message] of cases) {
      const result = await changePassword(customer, input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.fieldErrors?.[field]?.[0]).toMatch(message);
    }
    expect(await passwordHashOf(customer.userId)).toBe(before);
    expect(await db.auditLog.count({ where: { actorId: customer.userId, action: "account.password_change" } })).toBe(0);
  });

  it("needs a signed-in customer", async () => {
    expect(await changePassword(null, {})).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
  });
});
