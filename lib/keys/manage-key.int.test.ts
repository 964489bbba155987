import { APIGatewayClient, GetApiKeyCommand, GetApiKeysCommand } from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/create-key";
import { renameKey, revokeKey, rotateKey, setOwnKeyEnabled } from "@/lib/keys/manage-key";
import { listOwnKeys } from "@/lib/keys/queries";
import { revealKey } from "@/lib/keys/reveal-key";
import { drainOperations } from "@/lib/operations/run";
import { newCustomer } from "@/test/fixtures";

const aws = new APIGatewayClient({ maxAttempts: 1 });
const gateway = () => `${process.env.GATEHOUSE_GATEWAY_URL}/pets`;
const call = async (value: string) => (await fetch(gateway(), { headers: { "x-api-key": value } })).status;

async function keyWithValue(customer: Awaited<ReturnType<typeof newCustomer>>, name = "main") {
  const created = await createKey(customer, { name });
  if (!created.ok || !created.data.value) throw new Error("key not created");
  return { id: created.data.id, value: created.data.value };
}

describe("managing a key through its life", () => {
  it("renames in the portal and in AWS's description", async () => {
    const customer = await newCustomer();
    const key = await keyWithValue(customer);
    const result = await renameKey(customer, key.id, { name: "renamed server" });
    expect(result).toEqual({ ok: true, data: { notice: null } });
    const record = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(record.name).toBe("renamed server");
    const awsKey = await aws.send(new GetApiKeyCommand({ apiKey: record.awsKeyId ?? "" }));
    expect(awsKey.description).toBe("renamed server");
    const bad = await renameKey(customer, key.id, { name: "\u0007bell" });
    expect(bad.ok ? "" : bad.error.fieldErrors?.name?.[0]).toMatch(/control characters/);
  });

  it("disables and enables: the gateway answers 403, then 200", async () => {
    const customer = await newCustomer();
    const key = await keyWithValue(customer);
    expect(await call(key.value)).toBe(200);
    expect((await setOwnKeyEnabled(customer, key.id, false)).ok).toBe(true);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).status).toBe("DISABLED");
    expect(await call(key.value)).toBe(403);
    expect((await setOwnKeyEnabled(customer, key.id, true)).ok).toBe(true);
    expect(await call(key.value)).toBe(200);
  });

  it("revokes: deleted in AWS, kept as a REVOKED record, no longer usable or revealable", async () => {
    const customer = await newCustomer();
    const key = await keyWithValue(customer);
    expect((await revokeKey(customer, key.id)).ok).toBe(true);
    const record = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(record.status).toBe("REVOKED");
    expect(record.revokedAt).not.toBeNull();
    const inAws = await aws.send(new GetApiKeysCommand({ customerId: customer.customerId, limit: 500 }));
    expect(inAws.items ?? []).toHaveLength(0);
    expect(await call(key.value)).toBe(403);
    const reveal = await revealKey(customer, key.id);
    expect(reveal.ok ? "" : reveal.error.code).toBe("conflict");
    const again = await revokeKey(customer, key.id);
    expect(again.ok ? "" : again.error.code).toBe("conflict");
  });

  it("rotates with no grace: a new working key in the same plan, the old one disabled at once", async () => {
    const customer = await newCustomer("premium");
    const key = await keyWithValue(customer);
    const rotated = await rotateKey(customer, key.id, { grace: "now" });
    if (!rotated.ok || !rotated.data.value) throw new Error("rotation failed");
    expect(rotated.data.value).not.toBe(key.value);
    expect(await call(rotated.data.value)).toBe(200);
    expect(await call(key.value)).toBe(403);
    const fresh = await db.apiKey.findUniqueOrThrow({ where: { id: rotated.data.newKeyId } });
    const old = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect([fresh.status, fresh.rotatedFromId, fresh.usagePlanId]).toEqual(["ACTIVE", key.id, old.usagePlanId]);
    expect(old.status).toBe("DISABLED");
  });

  it("rotates with a grace period: the old key works until a scheduled operation disables it", async () => {
    const customer = await newCustomer();
    const key = await keyWithValue(customer);
    const rotated = await rotateKey(customer, key.id, { grace: "1h" });
    if (!rotated.ok || !rotated.data.value) throw new Error("rotation failed");
    const endsAt = rotated.data.graceEndsAt?.getTime() ?? 0;
    expect(Math.abs(endsAt - (Date.now() + 3600_000))).toBeLessThan(60_000);
    expect(await call(key.value)).toBe(200);
    expect(await call(rotated.data.value)).toBe(200);
    const listed = await listOwnKeys(customer);
    expect(listed.ok && listed.data.find((k) => k.id === key.id)?.graceEndsAt).toBeTruthy();
    const scheduled = await db.operation.findFirstOrThrow({ where: { apiKeyId: key.id, kind: "SET_KEY_ENABLED", status: "QUEUED" } });
    expect(scheduled.runAfter.getTime()).toBe(endsAt);

    await drainOperations({ customerIds: [customer.customerId!] }); // nothing is due yet
    expect(await call(key.value)).toBe(200);
    await drainOperations({ horizonSeconds: 3700, customerIds: [customer.customerId!] }); // as if the hour had passed
    expect(await call(key.value)).toBe(403);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).status).toBe("DISABLED");
    expect(await call(rotated.data.value)).toBe(200);
  });

  it("refuses every change from another customer as not found, and invalid grace periods", async () => {
    const owner = await newCustomer();
    const other = await newCustomer();
    const key = await keyWithValue(owner);
    for (const attempt of [
      renameKey(other, key.id, { name: "mine now" }),
      setOwnKeyEnabled(other, key.id, false),
      revokeKey(other, key.id),
      rotateKey(other, key.id, { grace: "now" }),
      revealKey(other, key.id),
    ]) {
      const result = await attempt;
      expect(result.ok ? "" : result.error.code).toBe("not_found");
    }
    const bad = await rotateKey(owner, key.id, { grace: "forever" });
    expect(bad.ok ? "" : bad.error.code).toBe("invalid");
    expect(await call(key.value)).toBe(200);
  });

  it("asks for the password again before revealing when the sign-in is older than 10 minutes", async () => {
    const customer = await newCustomer();
    const key = await keyWithValue(customer);
    const stale = { ...customer, authenticatedAt: new Date(Date.now() - 11 * 60_000) };
    const refused = await revealKey(stale, key.id);
    expect(refused.ok ? "" : refused.error.code).toBe("reauthenticate");
    const fresh = await revealKey({ ...customer, authenticatedAt: new Date() }, key.id);
    expect(fresh).toEqual({ ok: true, data: { value: key.value } });
  });
});
