import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { changePassword } from "@/lib/account/change-password";
import { confirmPassword } from "@/lib/auth/confirm-password";
import { attemptSignIn, type SignInOutcome } from "@/lib/auth/sign-in";
import { UNKNOWN_ADDRESS } from "@/lib/auth/client-address";
import { ACCOUNT_POLICY, ADDRESS_POLICY, pruneThrottle } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { newCustomer } from "@/test/fixtures";

const PASSWORD = "a-long-password"; // the fixtures' password

// Only Date is faked: "waiting" for a delay is moving the clock, while the database calls run for real.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date());
});
afterEach(() => vi.useRealTimers());

const advance = (seconds: number) => vi.setSystemTime(new Date(Date.now() + seconds * 1000));
const anAddress = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 8)}`;
const reason = (outcome: SignInOutcome) => (outcome.ok ? "signed in" : outcome.reason);

describe("sign-in throttle", () => {
  it("delays 30 wrong passwords in a row, refuses the right one during the delay, and lets it in after", async () => {
    const customer = await newCustomer();
    const clientAddress = anAddress();
    const outcomes: SignInOutcome[] = [];
    for (let i = 0; i < 30; i++) outcomes.push(await attemptSignIn({ email: customer.email, password: `wrong-password-${i}`, clientAddress }));

    expect(outcomes.slice(0, ACCOUNT_POLICY.free).map(reason)).toEqual(Array(ACCOUNT_POLICY.free).fill("mismatch"));
    expect(outcomes.slice(ACCOUNT_POLICY.free).map(reason)).toEqual(Array(30 - ACCOUNT_POLICY.free).fill("throttled"));

    const during = await attemptSignIn({ email: customer.email, password: PASSWORD, clientAddress });
    expect(during).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 1 });

    advance(1);
    expect(await attemptSignIn({ email: customer.email, password: PASSWORD, clientAddress })).toMatchObject({ ok: true, user: { id: customer.userId } });
    // A success clears the account's counter: the next mistake is an ordinary one.
    expect(reason(await attemptSignIn({ email: customer.email, password: "wrong-again", clientAddress }))).toBe("mismatch");
  });

  it("counts a burst of parallel guesses one by one, so no more than the free ones are checked", async () => {
    const customer = await newCustomer();
    const clientAddress = anAddress();
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => attemptSignIn({ email: customer.email, password: `parallel-${i}`, clientAddress })));
    const counts = burst.map(reason).reduce<Record<string, number>>((acc, r) => ({ ...acc, [r]: (acc[r] ?? 0) + 1 }), {});
    expect(counts).toEqual({ mismatch: ACCOUNT_POLICY.free, throttled: 20 - ACCOUNT_POLICY.free });
  });

  it("doubles the delay with every further failure, up to 15 minutes, and still lets the owner in after it", async () => {
    const customer = await newCustomer();
    const clientAddress = anAddress();
    const delays: number[] = [];
    for (let failures = 0; failures < ACCOUNT_POLICY.free + 14; ) {
      const outcome = await attemptSignIn({ email: customer.email, password: "guess", clientAddress });
      if (!outcome.ok && outcome.reason === "throttled") {
        delays.push(outcome.retryAfterSeconds);
        advance(outcome.retryAfterSeconds);
      } else {
        expect(reason(outcome)).toBe("mismatch");
        failures++;
      }
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900]);
    const tooSoon = await attemptSignIn({ email: customer.email, password: PASSWORD, clientAddress: anAddress() });
    expect(tooSoon).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 900 });
    advance(900);
    expect(reason(await attemptSignIn({ email: customer.email, password: PASSWORD, clientAddress: anAddress() }))).toBe("signed in");
  });

  it("slows one address spraying many accounts, but not the owners signing in from elsewhere", async () => {
    const sprayer = anAddress();
    const victims = await Promise.all(Array.from({ length: 3 }, () => newCustomer()));
    const outcomes: string[] = [];
    for (let i = 0; i <= ADDRESS_POLICY.free; i++) {
      outcomes.push(reason(await attemptSignIn({ email: `sprayed-${i}-${randomUUID()}@example.com`, password: "Summer2026!", clientAddress: sprayer })));
    }
    expect(outcomes.slice(0, ADDRESS_POLICY.free)).toEqual(Array(ADDRESS_POLICY.free).fill("mismatch"));
    expect(outcomes.at(-1)).toBe("throttled");
    // Even the right password waits from that address...
    expect(reason(await attemptSignIn({ email: victims[0]!.email, password: PASSWORD, clientAddress: sprayer }))).toBe("throttled");
    // ...while each owner signs in from their own.
    for (const victim of victims) expect(reason(await attemptSignIn({ email: victim.email, password: PASSWORD, clientAddress: anAddress() }))).toBe("signed in");
  });

  it("keeps no per-address count when the address is unknown (one shared bucket would slow everyone down)", async () => {
    for (let i = 0; i <= ADDRESS_POLICY.free; i++) {
      await attemptSignIn({ email: `unknown-${i}-${randomUUID()}@example.com`, password: "guess", clientAddress: UNKNOWN_ADDRESS });
    }
    const customer = await newCustomer();
    expect(reason(await attemptSignIn({ email: customer.email, password: PASSWORD, clientAddress: UNKNOWN_ADDRESS }))).toBe("signed in");
    expect(await db.authThrottle.count({ where: { key: `address:${UNKNOWN_ADDRESS}` } })).toBe(0);
  });

  it("throttles the password re-entry and change-password on the same per-account counter", async () => {
    const customer = await newCustomer();
    for (let i = 0; i < ACCOUNT_POLICY.free; i++) {
      expect(await confirmPassword(customer, { password: `wrong-${i}` })).toMatchObject({ ok: false, error: { code: "invalid" } });
    }
    const reentry = await confirmPassword(customer, { password: PASSWORD });
    expect(reentry).toMatchObject({ ok: false, error: { code: "throttled", message: "Too many attempts. Try again in 1 second." } });
    const change = await changePassword(customer, { currentPassword: PASSWORD, newPassword: "a-brand-new-passphrase", confirmPassword: "a-brand-new-passphrase" });
    expect(change).toMatchObject({ ok: false, error: { code: "throttled", fieldErrors: { currentPassword: ["Too many attempts. Try again in 1 second."] } } });
    expect(reason(await attemptSignIn({ email: customer.email, password: PASSWORD, clientAddress: anAddress() }))).toBe("throttled");

    advance(1);
    expect(await confirmPassword(customer, { password: PASSWORD })).toMatchObject({ ok: true });
    for (let i = 0; i < ACCOUNT_POLICY.free; i++) {
      await changePassword(customer, { currentPassword: `wrong-${i}`, newPassword: "a-brand-new-passphrase", confirmPassword: "a-brand-new-passphrase" });
    }
    const tooSoon = await changePassword(customer, { currentPassword: PASSWORD, newPassword: "a-brand-new-passphrase", confirmPassword: "a-brand-new-passphrase" });
    expect(tooSoon).toMatchObject({ ok: false, error: { code: "throttled" } });
    advance(1);
    expect(await changePassword(customer, { currentPassword: PASSWORD, newPassword: "a-brand-new-passphrase", confirmPassword: "a-brand-new-passphrase" })).toMatchObject({ ok: true });
  });

  it("forgets counts past their window", async () => {
    const old = `pruned-${randomUUID()}@example.com`;
    const recent = `kept-${randomUUID()}@example.com`;
    for (let i = 0; i < ACCOUNT_POLICY.free; i++) await attemptSignIn({ email: old, password: "guess", clientAddress: anAddress() });
    advance(61 * 60);
    await attemptSignIn({ email: recent, password: "guess", clientAddress: anAddress() });
    await pruneThrottle();
    expect(await db.authThrottle.count({ where: { key: `account:${old}` } })).toBe(0);
    expect(await db.authThrottle.count({ where: { key: `account:${recent}` } })).toBe(1);
  });
});
