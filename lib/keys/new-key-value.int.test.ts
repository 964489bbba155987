import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { queueKeyCreation } from "@/lib/keys/create-key";
import { newKeyValue } from "@/lib/keys/new-key-value";
import { drainOperations } from "@/lib/operations/run";
import { newCustomer } from "@/test/fixtures";

const call = async (value: string) => (await fetch(`${process.env.GATEHOUSE_GATEWAY_URL}/pets`, { headers: { "x-api-key": value } })).status;

describe("the one showing of a new key's value", () => {
  it("reads the value back from AWS when the background worker provisioned the key first", async () => {
    const customer = await newCustomer();
    const queued = await queueKeyCreation(customer.customerId ?? "", "worker made", customer);
    if (!queued.ok) throw new Error(queued.error.message);
    await drainOperations({ customerIds: [customer.customerId!] }); // the worker's path: the value it saw is not kept anywhere
    const value = await newKeyValue({ status: "succeeded", result: undefined }, queued.data.keyId);
    const record = await db.apiKey.findUniqueOrThrow({ where: { id: queued.data.keyId } });
    expect(value).not.toBeNull();
    expect(value?.slice(-4)).toBe(record.lastFour);
    expect(await call(value ?? "")).toBe(200);
  });

  it("has nothing to show for an operation that has not succeeded", async () => {
    const customer = await newCustomer();
    const queued = await queueKeyCreation(customer.customerId ?? "", "still queued", customer);
    if (!queued.ok) throw new Error(queued.error.message);
    expect(await newKeyValue({ status: "not_claimed" }, queued.data.keyId)).toBeNull();
    await drainOperations({ customerIds: [customer.customerId!] });
  });
});
