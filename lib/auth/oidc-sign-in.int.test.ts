import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { findOrCreateOidcUser, isEmailVerified, primaryVerifiedEmail, type OidcIdentity } from "@/lib/auth/oidc-sign-in";
import { FIRST_KEY_NAME } from "@/lib/customers/sign-up";
import { db } from "@/lib/db";
import { ensureTiers, newCustomer, newStaff } from "@/test/fixtures";

// The decision a first OIDC sign-in takes, against the real database. (The provider round trip itself is next-auth's;
// these tests start from the identity and the verified-e-mail assertion it hands to the signIn callback.)

const identity = (overrides: Partial<OidcIdentity>): OidcIdentity => ({
  provider: "cognito",
  providerAccountId: randomUUID(),
  email: `oidc-${randomUUID()}@example.com`,
  emailVerified: true,
  name: "Oidc Person",
  ...overrides,
});

const linksOf = (userId: string) => db.account.findMany({ where: { userId } });

describe("first OIDC sign-in", () => {
  it("links to an existing customer when the provider verified the e-mail, and finds the link next time", async () => {
    const customer = await newCustomer();
    const who = identity({ email: customer.email.toUpperCase() });
    expect(await findOrCreateOidcUser(who)).toEqual({ ok: true, user: { id: customer.userId, email: customer.email, name: "Test Customer" } });
    expect(await linksOf(customer.userId)).toMatchObject([{ provider: "cognito", providerAccountId: who.providerAccountId }]);
    expect(await db.auditLog.count({ where: { action: "auth.link_identity", targetId: customer.userId } })).toBe(1);
    // Later sign-ins go by the link, whatever the e-mail says now.
    expect(await findOrCreateOidcUser({ ...who, email: "changed@example.com", emailVerified: false })).toMatchObject({ ok: true, user: { id: customer.userId } });
  });

  it("refuses to link an existing account when the provider does not vouch for the e-mail", async () => {
    const customer = await newCustomer();
    expect(await findOrCreateOidcUser(identity({ email: customer.email, emailVerified: false }))).toEqual({ ok: false, refusal: "OidcUnverifiedEmail" });
    expect(await linksOf(customer.userId)).toEqual([]);
  });

  it("never links to a staff account, verified or not", async () => {
    for (const role of ["ADMIN", "BILLING"] as const) {
      const staff = await newStaff(role);
      for (const emailVerified of [true, false]) {
        expect(await findOrCreateOidcUser(identity({ provider: "github", email: staff.email, emailVerified }))).toEqual({ ok: false, refusal: "OidcStaffAccount" });
      }
      expect(await linksOf(staff.userId)).toEqual([]);
    }
  });

  it("creates a new customer like a password sign-up: first key queued, same audit, no password", async () => {
    await ensureTiers();
    const who = identity({ provider: "github", name: "New\u202Eperson\u0000" }); // a name the sign-up form would refuse
    const outcome = await findOrCreateOidcUser(who);
    if (!outcome.ok) throw new Error(outcome.refusal);
    const user = await db.user.findUniqueOrThrow({ where: { id: outcome.user.id }, include: { customer: { include: { apiKeys: true, tier: true } } } });
    expect(user).toMatchObject({ email: who.email, role: "CUSTOMER", passwordHash: null });
    expect(user.name).toBe(who.email?.split("@")[0]);
    expect(user.customer?.tier.visibility).toBe("PUBLIC");
    expect(user.customer?.apiKeys.map((k) => [k.name, k.status])).toEqual([[FIRST_KEY_NAME, "PENDING"]]);
    expect(await db.operation.count({ where: { customerId: user.customerId, kind: "CREATE_KEY", status: "QUEUED" } })).toBe(1);
    const audit = await db.auditLog.findMany({ where: { action: "customer.sign_up", customerId: user.customerId } });
    expect(audit).toMatchObject([{ actorId: user.id, meta: { provider: "github" } }]);
    expect(await linksOf(user.id)).toMatchObject([{ provider: "github", providerAccountId: who.providerAccountId }]);
    expect(await findOrCreateOidcUser(who)).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("refuses a new customer clearly when every shard is full, and creates nothing", async () => {
    // One shard with room for a single key: a new customer's tier allows more, so there is no place for it.
    process.env.GATEHOUSE_SHARDS = JSON.stringify([{ id: "oidc-full", keyLimit: 1 }]);
    try {
      const who = identity({});
      expect(await findOrCreateOidcUser(who)).toEqual({ ok: false, refusal: "OidcFull" });
      expect(await db.user.count({ where: { email: who.email ?? "" } })).toBe(0);
    } finally {
      delete process.env.GATEHOUSE_SHARDS;
    }
  });

  it("refuses an identity without a usable e-mail address", async () => {
    for (const email of [null, "", "not an address"]) {
      expect(await findOrCreateOidcUser(identity({ email }))).toEqual({ ok: false, refusal: "OidcNoEmail" });
    }
  });

  it("reads the providers' verified-e-mail assertions", () => {
    expect(isEmailVerified({ email_verified: true })).toBe(true);
    expect(isEmailVerified({ email_verified: "true" })).toBe(true); // Cognito
    for (const p of [{ email_verified: false }, { email_verified: "false" }, {}, null, undefined]) expect(isEmailVerified(p)).toBe(false);
    expect(primaryVerifiedEmail([{ email: "a@x.io", primary: false, verified: true }, { email: "b@x.io", primary: true, verified: true }])).toBe("b@x.io");
    expect(primaryVerifiedEmail([{ email: "a@x.io", primary: false, verified: true }, { email: "b@x.io", primary: true, verified: false }])).toBeNull();
    expect(primaryVerifiedEmail({ message: "Bad credentials" })).toBeNull();
  });
});
