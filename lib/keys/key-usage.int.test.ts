import { APIGatewayClient, UpdateUsageCommand } from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import { getOwnOverview } from "@/lib/customers/queries";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/create-key";
import { getOwnKeyUsage } from "@/lib/keys/queries";
import { refreshUsage } from "@/lib/usage/sync-usage";
import { utcDay } from "@/lib/usage/utc-days";
import { newCustomer, newStaff } from "@/test/fixtures";

// The Keys page's usage: real requests through local AWS's data plane, real GetUsage into the cache, then read from
// the database only.
const aws = new APIGatewayClient({ maxAttempts: 1 });
const gateway = () => `${process.env.GATEHOUSE_GATEWAY_URL ?? ""}/pets`;

describe("own key usage for the Keys page", () => {
  it("says today's requests, the last day of use, and a quota reached once AWS refuses the key", async () => {
    const customer = await newCustomer("basic");
    const created = await createKey(customer, { name: "keys page" });
    if (!created.ok || !created.data.value) throw new Error("key not created");
    const record = await db.apiKey.findUniqueOrThrow({ where: { id: created.data.id } });
    for (let i = 0; i < 3; i++) expect((await fetch(gateway(), { headers: { "x-api-key": created.data.value } })).status).toBe(200);

    const before = await getOwnKeyUsage(customer);
    expect(before.ok && before.data.syncedAt).toBeNull(); // nothing read from AWS yet: the page says so

    await refreshUsage(customer.customerId);
    const read = await getOwnKeyUsage(customer);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.data.syncedAt).not.toBeNull();
    expect(read.data.byKey[record.id]).toMatchObject({ today: 3, lastUsedDay: utcDay(new Date()), quota: { limit: 1000, period: "DAY", used: 3, reached: false } });

    await aws.send(new UpdateUsageCommand({ usagePlanId: record.usagePlanId, keyId: record.awsKeyId ?? "", patchOperations: [{ op: "replace", path: "/remaining", value: "0" }] }));
    expect((await fetch(gateway(), { headers: { "x-api-key": created.data.value } })).status).toBe(429);
    await refreshUsage(customer.customerId);
    const reached = await getOwnKeyUsage(customer);
    expect(reached.ok && reached.data.byKey[record.id]?.quota?.reached).toBe(true);

    // The Keys page reads the same figures together with the keys, in its one query.
    const overview = await getOwnOverview(customer);
    if (!overview.ok || !reached.ok) throw new Error("not read");
    expect(overview.data.usage).toEqual(reached.data);
    expect(overview.data.keys.map((k) => k.id)).toContain(record.id);
    expect(Object.keys(overview.data.keys[0] ?? {})).not.toContain("usageDays"); // only the view's fields reach the page
  });

  it("is the customer's own only", async () => {
    const staff = await newStaff("ADMIN");
    const result = await getOwnKeyUsage(staff);
    expect(result.ok).toBe(false);
    expect((await getOwnOverview(staff)).ok).toBe(false);
  });
});
