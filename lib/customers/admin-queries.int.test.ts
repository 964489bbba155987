import { describe, expect, it } from "vitest";
import { getAdminCustomer } from "@/lib/customers/admin-queries";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/create-key";
import { upsertUsageDays } from "@/lib/usage/store-usage-days";
import { newCustomer, newStaff } from "@/test/fixtures";

describe("one customer as staff see it", () => {
  it("gives billing staff the customer read-only: no operations, tier requests, audit trail or tiers to move to, no key value", async () => {
    const customer = await newCustomer("basic");
    const created = await createKey(customer, { name: "billing-visible" });
    if (!created.ok) throw new Error(created.error.message);
    const value = created.data.value ?? "";
    expect(value.length).toBeGreaterThan(20);

    const billing = await getAdminCustomer(await newStaff("BILLING"), customer.customerId);
    if (!billing.ok) throw new Error(billing.error.message);
    expect(billing.data.rights).toEqual({ manage: false, endSessions: false, operations: false, tierRequests: false, audit: false, billing: true });
    expect([billing.data.operations, billing.data.tierRequests, billing.data.audit, billing.data.tiers]).toEqual([null, null, null, null]);
    expect(billing.data.keys.map((k) => [k.name, k.lastFour])).toContainEqual(["billing-visible", value.slice(-4)]);
    expect(JSON.stringify(billing.data)).not.toContain(value);
    expect(billing.data.pool?.quota).toBe(1000);

    const admin = await getAdminCustomer(await newStaff("ADMIN"), customer.customerId);
    if (!admin.ok) throw new Error(admin.error.message);
    expect(admin.data.rights).toEqual({ manage: true, endSessions: true, operations: true, tierRequests: true, audit: true, billing: true });
    expect(admin.data.operations).not.toBeNull();
    expect(admin.data.audit?.map((a) => a.action)).toContain("key.create");
    expect(admin.data.tiers?.length).toBeGreaterThan(1);

    const asCustomer = await getAdminCustomer(customer, customer.customerId);
    expect(asCustomer.ok ? "ok" : asCustomer.error.code).toBe("forbidden");
  });

  it("counts the pooled quota across all the customer's keys this period", async () => {
    const customer = await newCustomer("basic");
    const one = await createKey(customer, { name: "one" });
    const two = await createKey(customer, { name: "two" });
    if (!one.ok || !two.ok) throw new Error("key creation failed");
    const today = new Date().toISOString().slice(0, 10);
    const { tier } = await db.customer.findUniqueOrThrow({ where: { id: customer.customerId }, select: { tier: { select: { usagePlanId: true } } } });
    await db.$executeRaw(
      upsertUsageDays(
        [
          { apiKeyId: one.data.id, usagePlanId: tier.usagePlanId, date: today, used: 120, remaining: 880 },
          { apiKeyId: two.data.id, usagePlanId: tier.usagePlanId, date: today, used: 30, remaining: 970 },
        ],
        new Date(),
      ),
    );
    const detail = await getAdminCustomer(await newStaff("BILLING"), customer.customerId);
    if (!detail.ok) throw new Error(detail.error.message);
    expect(detail.data.pool).toMatchObject({ quota: 1000, used: 150, remaining: 850 });
  });
});
