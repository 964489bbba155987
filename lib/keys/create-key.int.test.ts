import { APIGatewayClient, GetApiKeysCommand, GetUsagePlanKeysCommand } from "@aws-sdk/client-api-gateway";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { FIRST_KEY_NAME } from "@/lib/customers/sign-up";
import { createKey } from "@/lib/keys/create-key";
import { drainOperations } from "@/lib/operations/run";
import { listOwnKeys } from "@/lib/keys/queries";
import { revealKey } from "@/lib/keys/reveal-key";
import { ensureTiers, newCustomer, newStaff } from "@/test/fixtures";

const aws = new APIGatewayClient({ maxAttempts: 1 });

async function awsKeysOf(customerId: string) {
  const page = await aws.send(new GetApiKeysCommand({ customerId, includeValues: false, limit: 500 }));
  return page.items ?? [];
}

describe("creating and revealing API keys against local AWS", () => {
  beforeAll(async () => {
    await ensureTiers();
  });

  it("creates the key in AWS, tagged to the customer, inside the tier's usage plan, and records it without its value", async () => {
    const customer = await newCustomer("premium");
    const result = await createKey(customer, { name: "  production  " });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.name).toBe("production");
    expect(result.data.value).toMatch(/^[A-Za-z0-9]{20,}$/);

    const record = await db.apiKey.findUniqueOrThrow({ where: { id: result.data.id } });
    expect(record.status).toBe("ACTIVE");
    expect(record.lastFour).toBe(result.data.value?.slice(-4));
    expect(JSON.stringify(record)).not.toContain(result.data.value ?? "no value");

    const [awsKey] = await awsKeysOf(customer.customerId);
    expect(awsKey?.id).toBe(record.awsKeyId);
    expect(awsKey?.enabled).toBe(true);
    expect(awsKey?.tags).toMatchObject({ CustomerId: customer.customerId, GatehouseKeyId: record.id });

    const tier = await db.tier.findFirstOrThrow({ where: { slug: "premium" } });
    const members = await aws.send(new GetUsagePlanKeysCommand({ usagePlanId: tier.usagePlanId, limit: 500 }));
    expect(members.items?.map((k) => k.id)).toContain(record.awsKeyId);
  });

  it("provisions the first key queued at sign-up when the worker runs", async () => {
    const customer = await newCustomer("premium");
    const [queued] = await db.apiKey.findMany({ where: { customerId: customer.customerId } });
    expect([queued?.name, queued?.status]).toEqual([FIRST_KEY_NAME, "PENDING"]);
    await drainOperations({ customerIds: [customer.customerId!] });
    const record = await db.apiKey.findUniqueOrThrow({ where: { id: queued?.id } });
    expect(record.status).toBe("ACTIVE");
    expect((await awsKeysOf(customer.customerId)).map((k) => k.id)).toEqual([record.awsKeyId]);
  });

  it("lets the owner reveal the value from AWS, and nobody else", async () => {
    const owner = await newCustomer();
    const other = await newCustomer();
    const created = await createKey(owner, { name: "reveal me" });
    if (!created.ok) throw new Error(created.error.message);

    const revealed = await revealKey(owner, created.data.id);
    expect(revealed).toEqual({ ok: true, data: { value: created.data.value } });

    const byOther = await revealKey(other, created.data.id);
    expect(byOther.ok ? "ok" : byOther.error.code).toBe("not_found");
    const byAdmin = await revealKey(await newStaff("ADMIN"), created.data.id);
    expect(byAdmin.ok ? "ok" : byAdmin.error.code).toBe("forbidden");
    const anonymous = await revealKey(null, created.data.id);
    expect(anonymous.ok ? "ok" : anonymous.error.code).toBe("unauthenticated");

    // An id with a NUL byte (which PostgreSQL cannot store) or control characters is no key, not a database error.
    for (const id of [`${created.data.id}\u0000`, "\u0000", "a\nb"]) {
      const odd = await revealKey(owner, id);
      expect(odd.ok ? "ok" : odd.error.code).toBe("not_found");
    }

    const audit = await db.auditLog.findMany({ where: { targetId: created.data.id, action: "key.reveal" } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(created.data.value);
  });

  it("rejects bad key names without writing anything", async () => {
    const customer = await newCustomer();
    for (const name of ["", "   ", "x".repeat(10_000), "tab\there", "<script>alert(1)</script>"]) {
      const result = await createKey(customer, { name });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe("invalid");
        expect(result.error.fieldErrors?.name?.[0]).toMatch(/key name/);
      }
    }
    // Only the first key queued at sign-up exists (not yet provisioned: no worker runs here).
    expect(await db.apiKey.findMany({ where: { customerId: customer.customerId }, select: { name: true } })).toEqual([{ name: FIRST_KEY_NAME }]);
    expect(await awsKeysOf(customer.customerId)).toHaveLength(0);
  });

  it("stops at the tier's key limit", async () => {
    const customer = await newCustomer();
    const tier = await db.tier.findFirstOrThrow({ where: { slug: "basic" } });
    await drainOperations({ customerIds: [customer.customerId!] }); // provisions the first key, queued at sign-up
    for (let i = 1; i < tier.maxKeys; i++) {
      const made = await createKey(customer, { name: `key ${i}` });
      expect(made.ok ? "ok" : made.error.message).toBe("ok");
    }
    const over = await createKey(customer, { name: "one too many" });
    expect(over.ok ? "ok" : over.error.code).toBe("conflict");
    expect(await awsKeysOf(customer.customerId)).toHaveLength(tier.maxKeys);
  });

  it("when AWS refuses to attach the key to the plan, deletes the AWS key and marks the record failed", async () => {
    const customer = await newCustomer();
    // A tier whose usage plan no longer exists in AWS: CreateUsagePlanKey answers NotFoundException.
    const ghost = await db.tier.create({
      data: { slug: `ghost-${Date.now()}`, name: "Ghost", usagePlanId: `gone${Date.now()}`, rateLimit: 1, burstLimit: 1 },
    });
    await db.customer.update({ where: { id: customer.customerId }, data: { tierId: ghost.id } });

    const result = await createKey(customer, { name: "doomed" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/Creating the key failed and was undone/);

    const [record] = await db.apiKey.findMany({ where: { customerId: customer.customerId, name: "doomed" } });
    expect(record?.status).toBe("FAILED");
    expect(await awsKeysOf(customer.customerId)).toHaveLength(0);
    const listed = await listOwnKeys(customer);
    expect(listed.ok && listed.data.map((k) => [k.name, k.status])).toEqual([
      ["doomed", "FAILED"],
      [FIRST_KEY_NAME, "PENDING"],
    ]);
  });
});
