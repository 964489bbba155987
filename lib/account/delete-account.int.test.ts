import { APIGatewayClient, GetApiKeysCommand } from "@aws-sdk/client-api-gateway";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { deleteOwnAccount } from "@/lib/account/delete-account";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/create-key";
import { drainOperations } from "@/lib/operations/run";
import { ensureTiers, newCustomer, newStaff, parkLeftoverOperations } from "@/test/fixtures";
import { setFaults } from "@/test/local-aws-faults";

// newCustomer() signs up with the password "a-long-password".
const PASSWORD = "a-long-password";
const aws = new APIGatewayClient({ maxAttempts: 1 });

async function awsKeysOf(customerId: string) {
  const page = await aws.send(new GetApiKeysCommand({ customerId, includeValues: false, limit: 500 }));
  return page.items ?? [];
}

/** A customer whose sign-up key is provisioned, plus `extra` keys: every key exists in AWS. */
async function customerWithKeys(extra: number) {
  const customer = await newCustomer("premium");
  await drainOperations({ horizonSeconds: 3600, customerIds: [customer.customerId!] }); // the key queued at sign-up (retries, if AWS was slow, run now)
  for (let i = 0; i < extra; i++) {
    const created = await createKey(customer, { name: `key ${i + 1}` });
    if (!created.ok) throw new Error(created.error.message);
  }
  expect(await awsKeysOf(customer.customerId)).toHaveLength(extra + 1);
  expect(await db.apiKey.count({ where: { customerId: customer.customerId, status: "ACTIVE" } })).toBe(extra + 1);
  return customer;
}

describe("deleting one's own account", () => {
  beforeAll(parkLeftoverOperations);

  beforeAll(async () => {
    await ensureTiers();
  });
  afterEach(async () => {
    await setFaults([]);
  });

  it("refuses a wrong password or a missing DELETE and changes nothing", async () => {
    const customer = await customerWithKeys(1);
    const wrong = await deleteOwnAccount(customer, { password: "not-the-password", confirm: "DELETE" });
    expect(wrong).toMatchObject({ ok: false, error: { code: "invalid", fieldErrors: { password: ["That password is not correct."] } } });
    for (const input of [
      { password: PASSWORD, confirm: "" },
      { password: PASSWORD, confirm: "delete" },
      { password: PASSWORD, confirm: "x".repeat(10_240) },
      { password: PASSWORD, confirm: "<script>alert(1)</script>" },
      { password: "", confirm: "DELETE" },
      { password: "x".repeat(10_240), confirm: "DELETE" },
    ]) {
      const result = await deleteOwnAccount(customer, input);
      expect(result).toMatchObject({ ok: false, error: { code: "invalid" } });
      if (!result.ok) expect(Object.keys(result.error.fieldErrors ?? {})).toEqual([input.confirm === "DELETE" ? "password" : "confirm"]);
    }
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } })).status).toBe("ACTIVE");
    expect(await db.operation.count({ where: { customerId: customer.customerId, kind: "DELETE_CUSTOMER" } })).toBe(0);
    expect(await awsKeysOf(customer.customerId)).toHaveLength(2);
    expect(await signInWithPassword(customer.email, PASSWORD)).not.toBeNull();
    const audit = await db.auditLog.findMany({ where: { customerId: customer.customerId, action: "account.delete" } });
    expect(audit.map((a) => a.outcome)).toEqual(["failure"]);
  });

  it("revokes every key in AWS, scrubs personal data, keeps the audit trail, and leaves other customers alone", async () => {
    const customer = await customerWithKeys(2);
    const bystander = await customerWithKeys(1);
    const bystanderKeys = await awsKeysOf(bystander.customerId);

    const result = await deleteOwnAccount(customer, { password: PASSWORD, confirm: "DELETE" });
    expect(result).toEqual({
      ok: true,
      data: { completed: true, keysToRevoke: 3, message: "Your account was deleted and your 3 API keys were revoked in AWS." },
    });

    expect(await awsKeysOf(customer.customerId)).toHaveLength(0);
    const keys = await db.apiKey.findMany({ where: { customerId: customer.customerId } });
    expect(keys.map((k) => k.status)).toEqual(["REVOKED", "REVOKED", "REVOKED"]);

    const row = await db.customer.findUniqueOrThrow({ where: { id: customer.customerId }, include: { users: true } });
    expect(row.status).toBe("DELETED");
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(row.name).toBe("Deleted customer");
    expect(row.users[0]?.email).not.toBe(customer.email);
    expect(row.users[0]?.email).toMatch(/@deleted\.invalid$/);
    expect(row.users[0]?.passwordHash).toBeNull();
    expect(await db.user.count({ where: { email: customer.email } })).toBe(0);
    expect(await signInWithPassword(customer.email, PASSWORD)).toBeNull();

    const actions = (await db.auditLog.findMany({ where: { customerId: customer.customerId }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["customer.sign_up", "key.create", "account.delete", "key.revoke"]));
    const op = await db.operation.findFirstOrThrow({ where: { customerId: customer.customerId, kind: "DELETE_CUSTOMER" } });
    expect(op).toMatchObject({ status: "SUCCEEDED", createdById: customer.userId });

    // The bystander keeps its account, key and sign-in.
    expect(await awsKeysOf(bystander.customerId)).toEqual(bystanderKeys);
    expect((await db.customer.findUniqueOrThrow({ where: { id: bystander.customerId } })).status).toBe("ACTIVE");
    expect(await db.apiKey.count({ where: { customerId: bystander.customerId, status: "ACTIVE" } })).toBe(2);
    expect(await signInWithPassword(bystander.email, PASSWORD)).not.toBeNull();

    // Deleting again is refused.
    expect(await deleteOwnAccount(customer, { password: PASSWORD, confirm: "DELETE" })).toMatchObject({ ok: false });
  });

  it("when AWS is busy, closes the account at once and finishes revoking the keys in the background", async () => {
    const customer = await customerWithKeys(1);
    await setFaults([{ operation: "DeleteApiKey", errorRate: 1, kind: "throttle" }]);
    const result = await deleteOwnAccount(customer, { password: PASSWORD, confirm: "DELETE" });
    expect(result).toMatchObject({ ok: true, data: { completed: false, keysToRevoke: 2, message: expect.stringMatching(/revoked in the background/) } });
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } })).status).toBe("DELETED");
    expect(await signInWithPassword(customer.email, PASSWORD)).toBeNull();
    expect(await awsKeysOf(customer.customerId)).toHaveLength(2);

    await setFaults([]);
    await drainOperations({ horizonSeconds: 3600, customerIds: [customer.customerId!] });
    expect(await awsKeysOf(customer.customerId)).toHaveLength(0);
    const op = await db.operation.findFirstOrThrow({ where: { customerId: customer.customerId, kind: "DELETE_CUSTOMER" } });
    expect(op.status).toBe("SUCCEEDED");
    expect(await db.user.count({ where: { email: customer.email } })).toBe(0);
  });

  it("asks an account without a password (Cognito, GitHub) for a recent sign-in instead", async () => {
    const customer = await newCustomer();
    await db.user.update({ where: { id: customer.userId }, data: { passwordHash: null } });
    const stale = { ...customer, authenticatedAt: new Date(Date.now() - 60 * 60 * 1000) };
    expect(await deleteOwnAccount(stale, { password: "", confirm: "DELETE" })).toMatchObject({ ok: false, error: { code: "reauthenticate" } });
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } })).status).toBe("ACTIVE");
    const fresh = { ...customer, authenticatedAt: new Date() };
    expect(await deleteOwnAccount(fresh, { password: "", confirm: "DELETE" })).toMatchObject({ ok: true });
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } })).status).toBe("DELETED");
  });

  it("is for the signed-in customer only", async () => {
    expect(await deleteOwnAccount(null, { password: PASSWORD, confirm: "DELETE" })).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    const admin = await newStaff("ADMIN");
    expect(await deleteOwnAccount(admin, { password: PASSWORD, confirm: "DELETE" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });
});
