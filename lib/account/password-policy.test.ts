import { describe, expect, it } from "vitest";
import { assessPassword, passwordPolicyProblem, PERSONAL_DATA } from "@/lib/account/password-policy";

const account = { email: "jane.doe@example.com", name: "Jane Doe" };

describe("password policy", () => {
  it.each(["1234567890", "aaaaaaaaaa", "password123", "qwertyuiop", "iloveyou12", "abcdefghij", "Password1!"])("refuses the guessable %j", (password) => {
    expect(passwordPolicyProblem(password, account)).toMatch(/too easy to guess/);
  });

  it.each(["jane.doe@example.com", "JANE.DOE@example.com-1", "jane.doe-2026!x", "my name is jane doe"])("refuses %j, which holds the e-mail or name", (password) => {
    expect(passwordPolicyProblem(password, account)).toBe(PERSONAL_DATA);
  });

  it.each(["correct-horse-battery", "a-long-password", "gatehouse-demo", "kx8-mq2v-zt9w", "Tr0ub4dor&3x", "ünïcödé passphrase ✓", "x".repeat(3) + "-lorem-tarn-velvet"])("accepts %j", (password) => {
    expect(passwordPolicyProblem(password, account)).toBeNull();
  });

  it("scores for the hint and gives zxcvbn's warning with a refusal", () => {
    expect(assessPassword("aaaaaaaaaa").score).toBe(0);
    expect(assessPassword("aaaaaaaaaa").problem).toMatch(/^Repeated characters .* too easy to guess/);
    expect(assessPassword("a-strong-passphrase-9").score).toBe(4);
  });
});
