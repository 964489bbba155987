import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { settleBackground } from "@/lib/background";
import { requestSignUp, signUp } from "@/lib/customers/sign-up";
import { db } from "@/lib/db";
import type { OutboxEntry } from "@/lib/mail/file-transport";
import { ensureTiers } from "@/test/fixtures";
import { outboxMailsTo, testOutbox } from "@/test/outbox";

// The file transport writes here (read on first use of env(), inside the tests).
const mailDir = testOutbox("sign-up");

async function mailsTo(address: string): Promise<OutboxEntry[]> {
  await settleBackground();
  return outboxMailsTo(mailDir, address);
}

let basicId = "";
let enterpriseId = "";
const email = () => `s-${randomUUID()}@example.com`;

describe("sign-up", () => {
  beforeAll(async () => {
    const tiers = await ensureTiers();
    basicId = tiers.find((t) => t.slug === "basic")?.id ?? "";
    enterpriseId = tiers.find((t) => t.slug === "enterprise")?.id ?? "";
  });

  it("creates the user with an argon2id hash, the customer on the chosen tier, and an audit entry", async () => {
    const address = email();
    const result = await signUp({ name: "Ada", company: "", email: ` ${address.toUpperCase()} `, password: "correct-horse-battery", tierId: basicId });
    expect(result.ok).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { email: address }, include: { customer: true } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain("correct-horse-battery");
    expect(user.customer?.tierId).toBe(basicId);
    expect(user.customer?.company).toBeNull();
    expect(await db.auditLog.count({ where: { action: "customer.sign_up", customerId: user.customerId } })).toBe(1);
  });

  const bad: [string, Record<string, unknown>, string, RegExp][] = [
    ["empty fields", { name: "", email: "", password: "", tierId: "" }, "email", /Enter your e-mail/],
    ["a 10 kB name", { name: "n".repeat(10_240), password: "long-enough-pw" }, "name", /at most 100/],
    ["a 10 kB e-mail", { email: `${"e".repeat(10_240)}@x.io`, password: "long-enough-pw" }, "email", /too long/],
    ["a malformed e-mail", { email: "not-an-email", password: "long-enough-pw" }, "email", /valid e-mail/],
    ["a short password", { password: "short" }, "password", /at least 10/],
    ["a 10 kB password", { password: "p".repeat(10_240) }, "password", /at most 128/],
    ["control characters", { name: "Ada\u0000Lovelace", password: "long-enough-pw" }, "name", /control characters/],
    ["markup", { name: "<img src=x onerror=alert(1)>", password: "long-enough-pw" }, "name", /< and >/],
    ["an unknown tier", { tierId: "nope" }, "tierId", /listed tiers/],
  ];

  it.each(bad)("refuses %s with a message on the field and writes nothing", async (_label, overrides, field, message) => {
    const address = email();
    const before = await db.user.count();
    const result = await signUp({ name: "Ada", email: address, password: "long-enough-pw", tierId: basicId, ...overrides });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("invalid");
      expect(result.error.fieldErrors?.[field]?.join(" ")).toMatch(message);
    }
    expect(await db.user.count()).toBe(before);
  });

  it("refuses an approval-only tier", async () => {
    const result = await signUp({ name: "Ada", email: email(), password: "long-enough-pw", tierId: enterpriseId });
    expect(result.ok ? "" : result.error.fieldErrors?.tierId?.[0]).toMatch(/needs approval/);
  });

  it("refuses a duplicate e-mail, whatever its case, and keeps the first account", async () => {
    const address = email();
    expect((await signUp({ name: "First", email: address, password: "long-enough-pw", tierId: basicId })).ok).toBe(true);
    const again = await signUp({ name: "Second", email: address.toUpperCase(), password: "long-enough-pw", tierId: basicId });
    expect(again.ok ? "" : again.error.code).toBe("conflict");
    expect(again.ok ? "" : again.error.fieldErrors?.email?.[0]).toMatch(/already exists/);
    const users = await db.user.findMany({ where: { email: address } });
    expect(users.map((u) => u.name)).toEqual(["First"]);
  });

  it("answers the public form the same for a taken address, creates nothing, and tells the address's owner by e-mail", async () => {
    const fresh = email();
    const taken = email();
    expect((await signUp({ name: "Owner", email: taken, password: "long-enough-pw", tierId: basicId })).ok).toBe(true);

    const forFresh = await requestSignUp({ name: "Newcomer", email: fresh, password: "correct-horse-battery", tierId: basicId });
    const forTaken = await requestSignUp({ name: "Prober", email: taken.toUpperCase(), password: "correct-horse-battery", tierId: basicId });
    expect(forFresh).toEqual({ ok: true, data: { email: fresh } });
    expect(forTaken).toEqual({ ok: true, data: { email: taken } });
    expect(JSON.stringify(forTaken)).not.toMatch(/exist/i);

    expect((await db.user.findMany({ where: { email: taken } })).map((u) => u.name)).toEqual(["Owner"]);
    expect(await db.user.count({ where: { email: fresh } })).toBe(1);
    const owner = await mailsTo(taken);
    expect(owner.map((m) => m.subject)).toEqual(["You already have a Gatehouse account"]);
    expect(owner[0]?.text).toMatch(/\/sign-in\b/);
    expect(owner[0]?.text).not.toContain("Prober");
    expect(await mailsTo(fresh)).toHaveLength(0);
  });

  it.each([
    ["1234567890", /too easy to guess/],
    ["aaaaaaaaaa", /too easy to guess/],
    ["password123", /too easy to guess/],
    ["{email}", /e-mail address or name/],
    ["{local}-2026!x", /e-mail address or name/],
    ["Ada Lovelace!!", /e-mail address or name/],
  ])("refuses the password %j (NIST SP 800-63B) and writes nothing", async (password, message) => {
    const address = email();
    const typed = password.replace("{email}", address).replace("{local}", address.split("@")[0] ?? "");
    const result = await requestSignUp({ name: "Ada Lovelace", email: address, password: typed, tierId: basicId });
    expect(result).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(result.ok ? "" : result.error.fieldErrors?.password?.join(" ")).toMatch(message);
    expect(await db.user.count({ where: { email: address } })).toBe(0);
  });

  it("lets only one of two simultaneous sign-ups with the same e-mail through", async () => {
    const address = email();
    const results = await Promise.all(
      [1, 2].map((n) => signUp({ name: `Racer ${n}`, email: address, password: "long-enough-pw", tierId: basicId })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === "conflict")).toHaveLength(1);
    expect(await db.user.count({ where: { email: address } })).toBe(1);
  });
});
