// This file tests the portal's pacing against local AWS with its rate limits on: the portal paces as it does for AWS.
process.env.GATEHOUSE_AWS_PACING = "aws";

import { APIGatewayClient, GetUsagePlanCommand, GetUsagePlansCommand, UpdateUsagePlanCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runDueOperations, drainOperations } from "@/lib/operations/run";
import { targetApi } from "@/lib/gateway/target-api";
import { bootstrapTiers, createTier, retireTier, updateTier } from "@/lib/tiers/admin-changes";
import { listAdminTiers } from "@/lib/tiers/admin-queries";
import { syncTiers } from "@/lib/tiers/sync-tiers";
import { ensureTiers, newCustomer, newStaff, parkLeftoverOperations } from "@/test/fixtures";

const aws = new APIGatewayClient({ maxAttempts: 1 });
const plansOf = async (awsKeyId: string) => ((await aws.send(new GetUsagePlansCommand({ keyId: awsKeyId }))).items ?? []).map((p) => p.id);

async function setRateLimits(on: boolean) {
  const response = await fetch(`${process.env.AWS_ENDPOINT_URL}/_localaws/config`, { method: "POST", body: JSON.stringify({ rateLimits: on }) });
  expect(response.ok).toBe(true);
}

/** Runs due operations until `id` finishes (the worker's loop, in the test). */
async function waitFor(id: string, timeoutMs = 75_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runDueOperations();
    const op = await db.operation.findUniqueOrThrow({ where: { id } });
    if (op.status === "SUCCEEDED" || op.status === "FAILED") return op;
    if (Date.now() > deadline) throw new Error(`operation ${id} still ${op.status}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

const form = (name: string, overrides: Record<string, string> = {}) => ({
  name,
  tagline: "",
  rateLimit: "5",
  burstLimit: "10",
  quotaLimit: "500",
  quotaPeriod: "DAY",
  price: "9",
  visibility: "PUBLIC",
  maxKeys: "3",
  ...overrides,
});

async function newTier(name: string) {
  const admin = await newStaff("ADMIN");
  const created = await createTier(admin, form(name));
  if (!created.ok) throw new Error(created.error.message);
  return { admin, tier: await db.tier.findUniqueOrThrow({ where: { id: created.data.tierId } }) };
}

afterAll(async () => {
  await setRateLimits(false);
});

describe("tier administration", () => {
  beforeAll(parkLeftoverOperations);

  it("creates a tier as a usage plan on the portal's stage, with the portal's settings in its tags", async () => {
    const { admin, tier } = await newTier(`Startup ${Date.now()}`);
    const plan = await aws.send(new GetUsagePlanCommand({ usagePlanId: tier.usagePlanId }));
    const api = await targetApi();
    expect(plan.apiStages?.map((s) => `${s.apiId}:${s.stage}`)).toEqual([`${api.restApiId}:${api.stage}`]);
    expect([plan.throttle?.rateLimit, plan.throttle?.burstLimit, plan.quota?.limit, plan.quota?.period]).toEqual([5, 10, 500, "DAY"]);
    expect(plan.tags?.["gatehouse:price-cents"]).toBe("900");
    expect(plan.tags?.["gatehouse:max-keys"]).toBe("3");
    expect([tier.monthlyPriceCents, tier.maxKeys, tier.visibility, tier.available]).toEqual([900, 3, "PUBLIC", true]);
    // A sync reads the same settings back from the plan.
    await syncTiers();
    expect((await db.tier.findUniqueOrThrow({ where: { id: tier.id } })).monthlyPriceCents).toBe(900);
    const audit = await db.auditLog.findFirst({ where: { action: "tier.create", targetId: tier.id } });
    expect(audit?.actorId).toBe(admin.userId);

    const again = await createTier(admin, form(tier.name));
    expect(again.ok ? "" : again.error.fieldErrors?.name?.[0]).toMatch(/exists already/);
  });

  it("refuses bad input field by field, and everyone but admins", async () => {
    const admin = await newStaff("ADMIN");
    const bad = await createTier(admin, form("", { rateLimit: "-1", burstLimit: "2.5", quotaLimit: "abc", price: "12.345", visibility: "SECRET", maxKeys: "0" }));
    expect(bad.ok).toBe(false);
    const errors = bad.ok ? {} : (bad.error.fieldErrors ?? {});
    expect(Object.keys(errors).sort()).toEqual(["burstLimit", "maxKeys", "name", "price", "quotaLimit", "rateLimit", "visibility"]);
    const noPeriod = await createTier(admin, form(`P ${Date.now()}`, { quotaPeriod: "" }));
    expect(noPeriod.ok ? "" : noPeriod.error.fieldErrors?.quotaPeriod?.[0]).toMatch(/period/);
    for (const who of [await newStaff("BILLING"), await newCustomer("basic"), null]) {
      const refused = await createTier(who, form(`X ${Date.now()}`));
      expect(refused.ok ? "" : refused.error.code).toMatch(/forbidden|unauthenticated/);
      expect((await listAdminTiers(who)).ok).toBe(false);
    }
  });

  it("queues limit changes at AWS's pace of one UpdateUsagePlan per 20 s, and the form never fails for it", async () => {
    const { admin, tier: first } = await newTier(`Paced A ${Date.now()}`);
    const { tier: second } = await newTier(`Paced B ${Date.now()}`);
    await setRateLimits(true);
    try {
      const a = await updateTier(admin, first.id, form(first.name, { rateLimit: "7" }));
      expect(a.ok).toBe(true);
      const b = await updateTier(admin, second.id, form(second.name, { rateLimit: "8", quotaLimit: "", price: "19" }));
      expect(b.ok && b.data.status).toBe("queued");
      expect(b.ok ? b.data.notice : "").toMatch(/Price and settings saved.*queued/);

      // The price (a tag) is in place already; the limits wait for their slot.
      const waiting = await db.tier.findUniqueOrThrow({ where: { id: second.id } });
      expect([waiting.monthlyPriceCents, waiting.rateLimit, waiting.quotaLimit]).toEqual([1900, 5, 500]);
      const view = await listAdminTiers(admin);
      const queued = view.ok ? view.data.tiers.find((t) => t.id === second.id)?.activity[0] : undefined;
      expect(queued?.status).toBe("queued");
      expect(queued?.position).toBeGreaterThanOrEqual(1);

      // AWS's limit is really on: a call outside the queue now is throttled.
      const outside = await aws
        .send(new UpdateUsagePlanCommand({ usagePlanId: first.usagePlanId, patchOperations: [{ op: "replace", path: "/description", value: "x" }] }))
        .then(() => "accepted", (error: Error) => error.name);
      expect(outside).toBe("TooManyRequestsException");

      const op = await db.operation.findFirstOrThrow({ where: { kind: "UPDATE_TIER", input: { path: ["tierId"], equals: second.id } } });
      const done = await waitFor(op.id);
      expect(done.status).toBe("SUCCEEDED");
      const plan = await aws.send(new GetUsagePlanCommand({ usagePlanId: second.usagePlanId }));
      expect([plan.throttle?.rateLimit, plan.quota]).toEqual([8, undefined]);
      const after = await db.tier.findUniqueOrThrow({ where: { id: second.id } });
      expect([after.rateLimit, after.quotaLimit, after.quotaPeriod, after.monthlyPriceCents]).toEqual([8, null, null, 1900]);
      expect((await aws.send(new GetUsagePlanCommand({ usagePlanId: first.usagePlanId }))).throttle?.rateLimit).toBe(7);
      expect(await db.operation.count({ where: { kind: "UPDATE_TIER", status: "FAILED" } })).toBe(0);
      expect(await db.auditLog.count({ where: { action: "tier.update", targetId: second.id } })).toBeGreaterThanOrEqual(2);
    } finally {
      await setRateLimits(false);
    }
  }, 120_000);

  it("retires a tier: off offer at once, its customers and their keys moved to the chosen tier", async () => {
    const basic = (await ensureTiers()).find((t) => t.slug === "basic")!;
    const { admin, tier } = await newTier(`Retiring ${Date.now()}`);
    const customer = await newCustomer(tier.slug);
    await drainOperations({ customerIds: [customer.customerId!] });
    const key = await db.apiKey.findFirstOrThrow({ where: { customerId: customer.customerId, status: "ACTIVE" } });
    expect(await plansOf(key.awsKeyId ?? "")).toEqual([tier.usagePlanId]);

    const self = await retireTier(admin, tier.id, { toTierId: tier.id });
    expect(self.ok ? "" : self.error.fieldErrors?.toTierId?.[0]).toMatch(/another tier/);
    const billing = await retireTier(await newStaff("BILLING"), tier.id, { toTierId: basic.id });
    expect(billing.ok ? "" : billing.error.code).toBe("forbidden");

    const result = await retireTier(admin, tier.id, { toTierId: basic.id });
    expect(result.ok).toBe(true);
    expect((await db.tier.findUniqueOrThrow({ where: { id: tier.id } })).available).toBe(false);
    const op = await db.operation.findFirstOrThrow({ where: { kind: "RETIRE_TIER", input: { path: ["tierId"], equals: tier.id } } });
    expect((await waitFor(op.id)).status).toBe("SUCCEEDED");
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } })).tierId).toBe(basic.id);
    expect(await plansOf(key.awsKeyId ?? "")).toEqual([basic.usagePlanId]);
    // A sync keeps it off offer: the plan carries the retired tag.
    await syncTiers();
    expect((await db.tier.findUniqueOrThrow({ where: { id: tier.id } })).available).toBe(false);
    const again = await retireTier(admin, tier.id, { toTierId: basic.id });
    expect(again.ok ? "" : again.error.code).toBe("conflict");
    const edit = await updateTier(admin, tier.id, form(tier.name, { rateLimit: "9" }));
    expect(edit.ok ? "" : edit.error.code).toBe("conflict");
  }, 120_000);

  it("bootstraps only a stage without usage plans, and only a stage that exists", async () => {
    const admin = await newStaff("ADMIN");
    const api = await targetApi();
    const taken = await bootstrapTiers(admin, { apiStage: `${api.restApiId}:${api.stage}` });
    expect(taken.ok ? "" : taken.error.fieldErrors?.apiStage?.[0]).toMatch(/already has usage plans \(basic, premium, enterprise/);
    const missing = await bootstrapTiers(admin, { apiStage: `${api.restApiId}:nostage` });
    expect(missing.ok ? "" : missing.error.fieldErrors?.apiStage?.[0]).toMatch(/listed stages/);
    const garbage = await bootstrapTiers(admin, { apiStage: "<script>" });
    expect(garbage.ok ? "" : garbage.error.code).toBe("invalid");
    expect(await db.operation.count({ where: { kind: "BOOTSTRAP_TIERS" } })).toBe(0);
    const customer = await bootstrapTiers(await newCustomer("basic"), { apiStage: `${api.restApiId}:${api.stage}` });
    expect(customer.ok ? "" : customer.error.code).toBe("forbidden");
  });
});
