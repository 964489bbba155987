import { APIGatewayClient, GetApiKeyCommand, GetUsageCommand } from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import { adminChangeTier, adminDeleteCustomer, extendCustomerQuota, resumeCustomer, suspendCustomer } from "@/lib/customers/admin-actions";
import { getAdminCustomer } from "@/lib/customers/admin-queries";
import { listCustomers } from "@/lib/customers/queries";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/create-key";
import { setOwnKeyEnabled } from "@/lib/keys/manage-key";
import { reconcile } from "@/lib/operations/reconcile";
import { runOperationNow } from "@/lib/operations/run";
import { utcDay } from "@/lib/usage/utc-days";
import { ensureTiers, newCustomer, newStaff } from "@/test/fixtures";

const aws = new APIGatewayClient({ maxAttempts: 1 });
const enabledInAws = async (awsKeyId: string) => (await aws.send(new GetApiKeyCommand({ apiKey: awsKeyId }))).enabled;
const call = async (value: string) => (await fetch(`${process.env.GATEHOUSE_GATEWAY_URL}/pets`, { headers: { "x-api-key": value } })).status;
const tier = async (slug: string) => (await ensureTiers()).find((t) => t.slug === slug)!;

async function customerWithKeys(slug: string, n: number) {
  const customer = await newCustomer(slug);
  // The first key, queued at sign-up: only this customer's operations, not whatever other test files left queued in
  // the shared database (draining those made this test's time depend on the files run before it).
  const queued = await db.operation.findMany({ where: { customerId: customer.customerId, status: "QUEUED" }, select: { id: true } });
  for (const op of queued) await runOperationNow(op.id);
  const values: string[] = [];
  for (let i = 0; i < n; i++) {
    const key = await createKey(customer, { name: `k${i}` });
    if (!key.ok || !key.data.value) throw new Error("no key");
    values.push(key.data.value);
  }
  const records = await db.apiKey.findMany({ where: { customerId: customer.customerId, status: "ACTIVE" }, orderBy: { createdAt: "asc" } });
  return { customer, values, records };
}

const auditActions = async (customerId: string) =>
  (await db.auditLog.findMany({ where: { customerId }, orderBy: { createdAt: "asc" }, select: { action: true, outcome: true, actorId: true } })).map(
    (a) => `${a.action}:${a.outcome}:${a.actorId ? "admin" : "system"}`,
  );

describe("admin actions on a customer", () => {
  it("are for admins only: customers and billing are refused before anything changes (billing may only read)", async () => {
    const { customer } = await customerWithKeys("basic", 0);
    const billing = await newStaff("BILLING");
    for (const who of [null, customer, billing]) {
      const results = await Promise.all([
        suspendCustomer(who, customer.customerId, {}),
        resumeCustomer(who, customer.customerId),
        adminChangeTier(who, customer.customerId, { tierId: "x" }),
        adminDeleteCustomer(who, customer.customerId, { confirm: "Test Customer" }),
        extendCustomerQuota(who, customer.customerId, { extra: 10 }),
      ]);
      for (const r of results) expect(r.ok ? "ok" : r.error.code).toBe(who ? "forbidden" : "unauthenticated");
    }
    const read = await Promise.all([null, customer, billing].map((who) => getAdminCustomer(who, customer.customerId)));
    expect(read.map((r) => (r.ok ? "ok" : r.error.code))).toEqual(["unauthenticated", "forbidden", "ok"]);
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } })).status).toBe("ACTIVE");
  });

  it("suspends: every active key disabled in AWS and refused by the gateway; resume enables exactly those keys again", async () => {
    const admin = await newStaff("ADMIN");
    const { customer, values, records } = await customerWithKeys("basic", 2);
    expect(records).toHaveLength(3);
    // The customer turned one key off before the suspension: the resume must leave it off.
    const [own, ...others] = records;
    expect((await setOwnKeyEnabled(customer, own!.id, false)).ok).toBe(true);

    const suspended = await suspendCustomer(admin, customer.customerId, { reason: "unpaid invoice" });
    expect(suspended.ok && suspended.data.status).toBe("done");
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } })).status).toBe("SUSPENDED");
    for (const r of records) expect(await enabledInAws(r.awsKeyId ?? "")).toBe(false);
    for (const v of values) expect(await call(v)).toBe(403);

    // Suspended: the customer can neither create nor enable a key; suspending twice is refused.
    const created = await createKey(customer, { name: "sneaky" });
    expect(created.ok ? "" : created.error.code).toBe("forbidden");
    const enabled = await setOwnKeyEnabled(customer, others[0]!.id, true);
    expect(enabled.ok ? "" : enabled.error.code).toBe("forbidden");
    const again = await suspendCustomer(admin, customer.customerId, {});
    expect(again.ok ? "" : again.error.code).toBe("conflict");
    // Reconciliation keeps a suspended customer's keys (disabled), it does not treat them as orphans.
    await reconcile();
    for (const r of records) expect(await enabledInAws(r.awsKeyId ?? "")).toBe(false);
    const listed = await listCustomers(admin, { page: 1, status: "suspended", query: customer.email });
    expect(listed.ok && listed.data.rows.map((r) => r.id)).toEqual([customer.customerId]);

    const resumed = await resumeCustomer(admin, customer.customerId);
    expect(resumed.ok && resumed.data.message).toMatch(/2 keys enabled/);
    expect(await enabledInAws(own!.awsKeyId ?? "")).toBe(false);
    for (const r of others) expect(await enabledInAws(r.awsKeyId ?? "")).toBe(true);
    for (const v of values) expect(await call(v)).toBe(200);
    const states = await db.apiKey.findMany({ where: { customerId: customer.customerId }, select: { id: true, status: true, suspendedAt: true } });
    expect(states.find((k) => k.id === own!.id)?.status).toBe("DISABLED");
    expect(states.every((k) => k.suspendedAt === null)).toBe(true);
    expect(await auditActions(customer.customerId)).toEqual(
      expect.arrayContaining(["customer.suspend:success:admin", "customer.suspend:success:system", "customer.resume:success:admin", "customer.resume:success:system"]),
    );
  });

  it("moves a customer to an approval-only tier (an admin's override) and settles a pending request for it", async () => {
    const admin = await newStaff("ADMIN");
    const enterprise = await tier("enterprise");
    expect(enterprise.visibility).toBe("APPROVAL");
    const { customer, values, records } = await customerWithKeys("basic", 1);
    await db.tierChangeRequest.create({ data: { customerId: customer.customerId, fromTierId: (await tier("basic")).id, toTierId: enterprise.id, requestedById: customer.userId } });

    const bad = await adminChangeTier(admin, customer.customerId, { tierId: "no-such-tier" });
    expect(bad.ok ? "" : bad.error.fieldErrors?.tierId?.[0]).toBe("Choose one of the listed tiers.");
    const moved = await adminChangeTier(admin, customer.customerId, { tierId: enterprise.id });
    expect(moved.ok && moved.data.status).toBe("done");
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } })).tierId).toBe(enterprise.id);
    for (const r of records) expect((await db.apiKey.findUniqueOrThrow({ where: { id: r.id } })).usagePlanId).toBe(enterprise.usagePlanId);
    for (const v of values) expect(await call(v)).toBe(200);
    expect((await db.tierChangeRequest.findFirstOrThrow({ where: { customerId: customer.customerId } })).status).toBe("APPROVED");
    const same = await adminChangeTier(admin, customer.customerId, { tierId: enterprise.id });
    expect(same.ok ? "" : same.error.code).toBe("invalid");
  });

  it("extends the quota of every key for the current period through UpdateUsage, shown on the detail page", async () => {
    const admin = await newStaff("ADMIN");
    const basic = await tier("basic");
    const { customer, values, records } = await customerWithKeys("basic", 1);
    for (let i = 0; i < 3; i++) expect(await call(values[0]!)).toBe(200);
    const today = utcDay(new Date());
    const remaining = async (awsKeyId: string) =>
      (await aws.send(new GetUsageCommand({ usagePlanId: basic.usagePlanId, keyId: awsKeyId, startDate: today, endDate: today }))).items?.[awsKeyId]?.[0]?.[1];
    const before = await Promise.all(records.map((r) => remaining(r.awsKeyId ?? "")));

    for (const bad of [{ extra: 0 }, { extra: -5 }, { extra: 1.5 }, { extra: "lots" }, { extra: 99_999_999 }]) {
      const refused = await extendCustomerQuota(admin, customer.customerId, bad);
      expect(refused.ok ? "" : refused.error.fieldErrors?.extra?.[0]).toBeTruthy();
    }
    const extended = await extendCustomerQuota(admin, customer.customerId, { extra: "500", reason: "launch day" });
    expect(extended.ok && extended.data.status).toBe("done");
    const after = await Promise.all(records.map((r) => remaining(r.awsKeyId ?? "")));
    // The quota is pooled: the second key's creation split 1,000 over both keys; the extension adds 500 to the pool,
    // which is split again (the odd request to the busier key, records[1], which made the calls).
    expect(before).toEqual([500, 500 - 3]);
    expect(after).toEqual([748, 749]);

    const detail = await getAdminCustomer(admin, customer.customerId);
    if (!detail.ok) throw new Error(detail.error.message);
    expect(detail.data.extensions.map((e) => [e.extra, e.reason])).toEqual([[500, "launch day"]]);
    expect(detail.data.operations?.map((o) => `${o.kind}:${o.status}`)).toContain("EXTEND_QUOTA:SUCCEEDED");
    expect(detail.data.audit?.map((a) => a.action)).toContain("customer.extend_quota");
    expect(detail.data.keys).toHaveLength(2);
  });

  it("refuses a quota extension on a tier without a quota", async () => {
    const admin = await newStaff("ADMIN");
    const enterprise = await tier("enterprise");
    expect(enterprise.quotaLimit).toBeNull();
    const { customer } = await customerWithKeys("basic", 0);
    await db.customer.update({ where: { id: customer.customerId }, data: { tierId: enterprise.id } });
    const result = await extendCustomerQuota(admin, customer.customerId, { extra: 5 });
    expect(result.ok ? "" : result.error.message).toBe("The Enterprise tier has no quota, so there is nothing to extend.");
    expect(await db.operation.count({ where: { customerId: customer.customerId, kind: "EXTEND_QUOTA" } })).toBe(0);
  });

  it("deletes a customer only with its exact name typed, deleting every key in AWS and keeping the audit trail", async () => {
    const admin = await newStaff("ADMIN");
    const { customer, values, records } = await customerWithKeys("basic", 1);
    const wrong = await adminDeleteCustomer(admin, customer.customerId, { confirm: "someone else" });
    expect(wrong.ok ? "" : wrong.error.fieldErrors?.confirm?.[0]).toBe("Type Test Customer exactly to confirm.");
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } })).status).toBe("ACTIVE");

    const deleted = await adminDeleteCustomer(admin, customer.customerId, { confirm: "Test Customer" });
    expect(deleted.ok && deleted.data.status).toBe("done");
    const after = await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } });
    expect(after.status).toBe("DELETED");
    expect(after.name).toBe("Deleted customer");
    for (const r of records) await expect(enabledInAws(r.awsKeyId ?? "")).rejects.toThrow();
    for (const v of values) expect(await call(v)).toBe(403);
    expect(await auditActions(customer.customerId)).toEqual(expect.arrayContaining(["customer.delete:success:admin", "account.delete:success:system"]));
    const twice = await adminDeleteCustomer(admin, customer.customerId, { confirm: "Deleted customer" });
    expect(twice.ok ? "" : twice.error.code).toBe("not_found");
  });

  it("filters the list by tier and status and escapes LIKE wildcards in the search", async () => {
    const admin = await newStaff("ADMIN");
    const premium = await tier("premium");
    const marker = `Pct${Date.now()}`;
    const a = await newCustomer("premium");
    const b = await newCustomer("basic");
    await db.customer.update({ where: { id: a.customerId }, data: { name: `${marker} 100% real_name` } });
    await db.customer.update({ where: { id: b.customerId }, data: { name: `${marker} 100X realXname` } });
    const search = async (query: string, extra: Parameters<typeof listCustomers>[1] extends infer P ? Partial<P> : never = {}) => {
      const r = await listCustomers(admin, { page: 1, query, ...extra });
      return r.ok ? r.data.rows.map((row) => row.id) : [];
    };
    expect(await search(`${marker} 100%`)).toEqual([a.customerId]);
    expect(await search(`${marker} 100X real_`)).toEqual([]);
    expect(await search(`${marker} 100% real_name`)).toEqual([a.customerId]);
    expect((await search(marker, { tierId: premium.id })).sort()).toEqual([a.customerId]);
    expect(await search(marker, { status: "suspended" })).toEqual([]);
  });
});
