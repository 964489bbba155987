import { describe, expect, it } from "vitest";
import { deleteAccountSchema } from "@/lib/account/delete-account.schema";
import { changePasswordSchema, forgotPasswordSchema, resetPasswordSchema } from "@/lib/account/password.schema";
import { profileSchema } from "@/lib/account/profile.schema";

const tenKb = "x".repeat(10_240);
const script = "<script>alert(1)</script>";
const token = "A".repeat(43);

/** The first message for each field of a failed parse. */
function errors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string> {
  expect(result.success).toBe(false);
  const byField: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) byField[String(issue.path[0])] ??= issue.message;
  return byField;
}

describe("profile schema", () => {
  it("accepts a name and an optional company, trimmed", () => {
    expect(profileSchema.parse({ name: "  Ada Lovelace ", company: "" })).toEqual({ name: "Ada Lovelace", company: null });
    expect(profileSchema.parse({ name: "Zoë", company: " Analytical Engines " })).toEqual({ name: "Zoë", company: "Analytical Engines" });
  });
  it.each([
    ["empty", { name: "", company: "" }, { name: "Enter your name." }],
    ["blank", { name: "   " }, { name: "Enter your name." }],
    ["10 kB", { name: tenKb, company: tenKb }, { name: "Use at most 100 characters for your name.", company: "Use at most 100 characters for the company name." }],
    ["control characters", { name: "Ada\u0000", company: "Line\nbreak" }, {
      name: "Remove control characters (such as tabs or line breaks) from your name.",
      company: "Remove control characters (such as tabs or line breaks) from the company name.",
    }],
    ["script injection", { name: script, company: script }, { name: "Remove the characters < and > from your name.", company: "Remove the characters < and > from the company name." }],
    ["missing fields", {}, { name: "Enter your name." }],
  ])("refuses %s with a clear message", (_label, input, expected) => {
    expect(errors(profileSchema.safeParse(input))).toEqual(expected);
  });
});

describe("change password schema", () => {
  const valid = { currentPassword: "old-password-1", newPassword: "new-password-1", confirmPassword: "new-password-1" };
  it("accepts a new, repeated password; < and > are fine in a password", () => {
    expect(changePasswordSchema.safeParse(valid).success).toBe(true);
    expect(changePasswordSchema.safeParse({ ...valid, newPassword: script, confirmPassword: script }).success).toBe(true);
  });
  it.each([
    ["empty", { currentPassword: "", newPassword: "", confirmPassword: "" }, { currentPassword: "Enter your current password.", newPassword: "Use at least 10 characters for your password." }],
    ["10 kB", { currentPassword: tenKb, newPassword: tenKb, confirmPassword: tenKb }, {
      currentPassword: "That password is too long.",
      newPassword: "Use at most 128 characters for your password.",
      confirmPassword: "That password is too long.",
    }],
    ["control characters", { ...valid, newPassword: "new-pass\tword", confirmPassword: "new-pass\tword" }, {
      newPassword: "Remove control characters (such as tabs or line breaks) from your password.",
    }],
    ["a mismatched repeat", { ...valid, confirmPassword: "new-password-2" }, { confirmPassword: "The two new passwords do not match." }],
    ["the same password again", { ...valid, newPassword: valid.currentPassword, confirmPassword: valid.currentPassword }, {
      newPassword: "Choose a new password that differs from your current one.",
    }],
  ])("refuses %s", (_label, input, expected) => {
    expect(errors(changePasswordSchema.safeParse(input))).toEqual(expected);
  });
});

describe("forgot password schema", () => {
  it("normalises the address", () => {
    expect(forgotPasswordSchema.parse({ email: "  Ada@Example.COM " })).toEqual({ email: "ada@example.com" });
  });
  it.each([
    ["empty", "", "Enter your e-mail address."],
    ["10 kB", `${tenKb}@example.com`, "That e-mail address is too long."],
    ["control characters", "ada\u0000@example.com", "Enter a valid e-mail address, like name@example.com."],
    ["a line break (header injection)", "ada@example.com\r\nBcc: eve@example.com", "Enter a valid e-mail address, like name@example.com."],
    ["script injection", `${script}@example.com`, "Enter a valid e-mail address, like name@example.com."],
  ])("refuses %s", (_label, email, message) => {
    expect(errors(forgotPasswordSchema.safeParse({ email }))).toEqual({ email: message });
  });
});

describe("reset password schema", () => {
  it("accepts a well-formed token and a repeated new password", () => {
    expect(resetPasswordSchema.safeParse({ token, password: "a-new-password", confirmPassword: "a-new-password" }).success).toBe(true);
  });
  it.each([
    ["an empty form", { token: "", password: "", confirmPassword: "" }, ["token", "password"]],
    ["10 kB everywhere", { token: tenKb, password: tenKb, confirmPassword: tenKb }, ["token", "password", "confirmPassword"]],
    ["a token with markup", { token: `${script}${"A".repeat(18)}`, password: "a-new-password", confirmPassword: "a-new-password" }, ["token"]],
    ["control characters in the password", { token, password: "a-new\npassword", confirmPassword: "a-new\npassword" }, ["password"]],
  ])("refuses %s", (_label, input, fields) => {
    const found = errors(resetPasswordSchema.safeParse(input));
    expect(Object.keys(found).sort()).toEqual([...fields].sort());
    if (found.token) expect(found.token).toMatch(/^This reset link is not valid/);
  });
});

describe("delete account schema", () => {
  it("needs the word DELETE exactly (surrounding spaces forgiven)", () => {
    expect(deleteAccountSchema.safeParse({ password: "pw", confirm: " DELETE " }).success).toBe(true);
    for (const confirm of ["", "delete", "DELETE!", tenKb, script, "DEL\u0000ETE"]) {
      expect(errors(deleteAccountSchema.safeParse({ password: "pw", confirm }))).toEqual({ confirm: "Type DELETE (in capital letters) to confirm." });
    }
  });
  it("bounds the password", () => {
    expect(errors(deleteAccountSchema.safeParse({ password: tenKb, confirm: "DELETE" }))).toEqual({ password: "That password is too long." });
  });
});
