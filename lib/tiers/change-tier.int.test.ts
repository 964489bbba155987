import { APIGatewayClient, GetUsagePlansCommand } from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/create-key";
import { drainOperations } from "@/lib/operations/run";
import { changeTier } from "@/lib/tiers/change-tier";
import { cancelOwnTierRequest, decideTierRequest, listPendingTierRequests } from "@/lib/tiers/tier-requests";
import { ensureTiers, newCustomer, newStaff } from "@/test/fixtures";

const aws = new APIGatewayClient({ maxAttempts: 1 });
const plansOf = async (awsKeyId: string) => ((await aws.send(new GetUsagePlansCommand({ keyId: awsKeyId }))).items ?? []).map((p) => p.id);
const call = async (value: string) => (await fetch(`${process.env.GATEHOUSE_GATEWAY_URL}/pets`, { headers: { "x-api-key": value } })).status;
const tier = async (slug: string) => (await ensureTiers()).find((t) => t.slug === slug)!;

async function customerWithKeys(slug: string, n: number) {
  const customer = await newCustomer(slug);
  await drainOperations({ customerIds: [customer.customerId!] }); // the first key queued at sign-up
  const values: string[] = [];
  for (let i = 0; i < n; i++) {
    const key = await createKey(customer, { name: `k${i}` });
    if (!key.ok || !key.data.value) throw new Error("no key");
    values.push(key.data.value);
  }
  const records = await db.apiKey.findMany({ where: { customerId: customer.customerId, status: "ACTIVE" } });
  return { customer, values, records };
}

describe("changing tier", () => {
  it("moves every key from the old plan to the new one, then changes the customer's tier", async () => {
    const [basic, premium] = [await tier("basic"), await tier("premium")];
    const { customer, values, records } = await customerWithKeys("basic", 2);
    expect(records).toHaveLength(3);
    const result = await changeTier(customer, { tierId: premium.id, acknowledgePrice: true });
    expect(result.ok && result.data.status).toBe("changed");
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } })).tierId).toBe(premium.id);
    for (const r of records) {
      expect(await plansOf(r.awsKeyId ?? "")).toEqual([premium.usagePlanId]);
      expect((await db.apiKey.findUniqueOrThrow({ where: { id: r.id } })).usagePlanId).toBe(premium.usagePlanId);
    }
    for (const v of values) expect(await call(v)).toBe(200);
    expect(basic.usagePlanId).not.toBe(premium.usagePlanId);
  });

  it("refuses a move to a dearer tier until the customer acknowledges the price, and moves nothing meanwhile", async () => {
    const [basic, premium] = [await tier("basic"), await tier("premium")];
    expect(premium.monthlyPriceCents).toBeGreaterThan(basic.monthlyPriceCents);
    const { customer, records } = await customerWithKeys("basic", 0);
    for (const input of [{ tierId: premium.id }, { tierId: premium.id, acknowledgePrice: false }, { tierId: premium.id, acknowledgePrice: "false" }]) {
      const refused = await changeTier(customer, input);
      expect(refused.ok ? "" : refused.error.code).toBe("invalid");
      expect(refused.ok ? "" : refused.error.fieldErrors?.acknowledgePrice?.[0]).toMatch(/from \$0 to \$49 \/ month, billed from today, prorated/);
    }
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } })).tierId).toBe(basic.id);
    expect(await plansOf(records[0]?.awsKeyId ?? "")).toEqual([basic.usagePlanId]);
    expect(await db.operation.count({ where: { customerId: customer.customerId, kind: "MOVE_TIER" } })).toBe(0);
    const accepted = await changeTier(customer, { tierId: premium.id, acknowledgePrice: "on" });
    expect(accepted.ok && accepted.data.status).toBe("changed");
    // Back to the free tier: cheaper, so no acknowledgement is needed.
    const down = await changeTier(customer, { tierId: basic.id });
    expect(down.ok && down.data.status).toBe("changed");
  });
  it("refuses the current tier, unknown tiers and bad messages", async () => {
    const customer = await newCustomer("basic");
    const same = await changeTier(customer, { tierId: (await tier("basic")).id });
    expect(same.ok ? "" : same.error.fieldErrors?.tierId?.[0]).toMatch(/already on the Basic tier/);
    const unknown = await changeTier(customer, { tierId: "nope" });
    expect(unknown.ok ? "" : unknown.error.code).toBe("invalid");
    const script = await changeTier(customer, { tierId: (await tier("enterprise")).id, message: "<script>x</script>" });
    expect(script.ok ? "" : script.error.fieldErrors?.message?.[0]).toMatch(/< and >/);
    expect(await db.tierChangeRequest.count({ where: { customerId: customer.customerId } })).toBe(0);
  });

  it("when the new plan refuses the keys, puts them back on the old plan and keeps the old tier", async () => {
    const basic = await tier("basic");
    const { customer, values, records } = await customerWithKeys("basic", 1);
    const broken = await db.tier.create({
      data: { slug: `broken-${Date.now()}`, name: "Broken", usagePlanId: `missing${Date.now()}`, rateLimit: 5, burstLimit: 5 },
    });
    const result = await changeTier(customer, { tierId: broken.id });
    expect(result.ok ? "" : result.error.message).toMatch(/put back on Basic/);
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } })).tierId).toBe(basic.id);
    for (const r of records) expect(await plansOf(r.awsKeyId ?? "")).toEqual([basic.usagePlanId]);
    for (const v of values) expect(await call(v)).toBe(200);
    const op = await db.operation.findFirstOrThrow({ where: { customerId: customer.customerId, kind: "MOVE_TIER" } });
    expect(op.status).toBe("FAILED");
  });

  it("turns an approval-only tier into a request an admin approves, which moves the keys", async () => {
    const enterprise = await tier("enterprise");
    const { customer, records } = await customerWithKeys("basic", 0);
    const asked = await changeTier(customer, { tierId: enterprise.id, message: "We expect 5M requests a month." });
    expect(asked.ok && asked.data.status).toBe("requested");
    const again = await changeTier(customer, { tierId: enterprise.id });
    expect(again.ok ? "" : again.error.code).toBe("conflict");

    const admin = await newStaff("ADMIN");
    const pending = await listPendingTierRequests(admin);
    const request = pending.ok ? pending.data.find((r) => r.customerId === customer.customerId) : undefined;
    expect(request?.message).toBe("We expect 5M requests a month.");
    const byCustomer = await decideTierRequest(customer, request?.id, { decision: "approve" });
    expect(byCustomer.ok ? "" : byCustomer.error.code).toBe("forbidden");
    const billing = await decideTierRequest(await newStaff("BILLING"), request?.id, { decision: "approve" });
    expect(billing.ok ? "" : billing.error.code).toBe("forbidden");

    const approved = await decideTierRequest(admin, request?.id, { decision: "approve", note: "Welcome aboard" });
    expect(approved.ok).toBe(true);
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } })).tierId).toBe(enterprise.id);
    expect(await plansOf(records[0]?.awsKeyId ?? "")).toEqual([enterprise.usagePlanId]);
    const twice = await decideTierRequest(admin, request?.id, { decision: "reject" });
    expect(twice.ok ? "" : twice.error.code).toBe("conflict");
  });

  it("lets the customer cancel, and an admin reject, without touching the keys", async () => {
    const enterprise = await tier("enterprise");
    const basic = await tier("basic");
    const customer = await newCustomer("basic");
    await changeTier(customer, { tierId: enterprise.id });
    const mine = await db.tierChangeRequest.findFirstOrThrow({ where: { customerId: customer.customerId } });
    const stranger = await newCustomer("basic");
    const notMine = await cancelOwnTierRequest(stranger, mine.id);
    expect(notMine.ok ? "" : notMine.error.code).toBe("not_found");
    expect((await cancelOwnTierRequest(customer, mine.id)).ok).toBe(true);

    await changeTier(customer, { tierId: enterprise.id });
    const second = await db.tierChangeRequest.findFirstOrThrow({ where: { customerId: customer.customerId, status: "PENDING" } });
    const rejected = await decideTierRequest(await newStaff("ADMIN"), second.id, { decision: "reject", note: "Not yet" });
    expect(rejected.ok).toBe(true);
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } })).tierId).toBe(basic.id);
  });
});
