import { APIGatewayClient, CreateApiKeyCommand, CreateUsagePlanCommand, GetApiKeyCommand } from "@aws-sdk/client-api-gateway";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/create-key";
import { reconcileNow } from "@/lib/operations/admin-reconcile";
import { getOperation, listOperations } from "@/lib/operations/admin-queries";
import { retryOperation } from "@/lib/operations/admin-retry";
import { enqueueOperation } from "@/lib/operations/enqueue";
import { drainOperations, runOperationNow } from "@/lib/operations/run";
import { ensureTiers, newCustomer, newStaff } from "@/test/fixtures";

const aws = new APIGatewayClient({ maxAttempts: 1 });
const noFilters = { status: "", kind: "", customer: "" } as const;

async function liveKey(customer: Awaited<ReturnType<typeof newCustomer>>) {
  const made = await createKey(customer, { name: `k-${randomUUID().slice(0, 6)}` });
  if (!made.ok) throw new Error(made.error.message);
  await drainOperations({ customerIds: [customer.customerId!] });
  return db.apiKey.findUniqueOrThrow({ where: { id: made.data.id } });
}

describe("the admin's operations queue", () => {
  it("a move to a plan AWS does not have gives up and is compensated; a retry after the fix finishes it", async () => {
    const admin = await newStaff("ADMIN");
    const customer = await newCustomer("basic");
    const key = await liveKey(customer);
    const basic = (await ensureTiers()).find((t) => t.slug === "basic")!;
    const broken = await db.tier.create({
      data: { slug: `broken-${randomUUID().slice(0, 8)}`, name: "Broken", usagePlanId: `missing${randomUUID().slice(0, 6)}`, rateLimit: 1, burstLimit: 1 },
    });
    const op = await db.$transaction((tx) =>
      enqueueOperation(tx, { kind: "MOVE_TIER", customerId: customer.customerId, input: { fromTierId: basic.id, toTierId: broken.id }, createdById: admin.userId }),
    );
    expect((await runOperationNow(op.id)).status).toBe("failed");

    const compensated = await listOperations(admin, { ...noFilters, status: "compensated", customer: customer.customerId });
    if (!compensated.ok) throw new Error(compensated.error.message);
    expect(compensated.data.rows.map((r) => [r.id, r.kind, r.state])).toEqual([[op.id, "MOVE_TIER", "compensated"]]);
    expect(compensated.data.rows[0]?.lastError).toMatch(/NotFound/);
    expect(compensated.data.counts.compensated).toBeGreaterThanOrEqual(1);
    const byKind = await listOperations(admin, { ...noFilters, kind: "CREATE_KEY", customer: customer.customerId });
    expect(byKind.ok && byKind.data.rows.map((r) => r.state)).toEqual(["succeeded", "succeeded"]); // the first key and ours
    const detail = await getOperation(admin, op.id);
    expect(detail.ok && [detail.data.state, detail.data.createdBy?.email, detail.data.compensatedAt !== null]).toEqual(["compensated", admin.email, true]);
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } })).tierId).toBe(basic.id);

    // Fix the cause (the plan now exists in AWS), then retry from the saved state.
    const plan = await aws.send(new CreateUsagePlanCommand({ name: broken.slug }));
    await db.tier.update({ where: { id: broken.id }, data: { usagePlanId: plan.id ?? "" } });
    const retried = await retryOperation(admin, op.id);
    expect(retried).toMatchObject({ ok: true, data: { outcome: "succeeded" } });
    expect((await db.operation.findUniqueOrThrow({ where: { id: op.id } })).status).toBe("SUCCEEDED");
    expect((await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } })).tierId).toBe(broken.id);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).usagePlanId).toBe(plan.id);
    expect(await db.auditLog.count({ where: { action: "operation.retry", targetId: op.id, actorId: admin.userId } })).toBe(1);

    // Only a failed operation can be retried, and only once at a time.
    expect(await retryOperation(admin, op.id)).toMatchObject({ ok: false, error: { code: "conflict" } });
  });

  it("refuses a retry that would bring back an intent a newer change replaced", async () => {
    const admin = await newStaff("ADMIN");
    const customer = await newCustomer();
    const key = await liveKey(customer);
    // Two failed changes of the same key: "enable" asked first, "disable" asked after it.
    const stale = await db.operation.create({
      data: { kind: "SET_KEY_ENABLED", customerId: customer.customerId, apiKeyId: key.id, input: { enabled: true }, status: "FAILED", attempts: 10, lastError: "x" },
    });
    const latest = await db.operation.create({
      data: {
        kind: "SET_KEY_ENABLED",
        customerId: customer.customerId,
        apiKeyId: key.id,
        input: { enabled: false },
        status: "FAILED",
        attempts: 10,
        lastError: "x",
        createdAt: new Date(stale.createdAt.getTime() + 1000),
      },
    });
    const retry = await retryOperation(admin, latest.id);
    expect(retry).toMatchObject({ ok: true, data: { outcome: "succeeded" } });
    expect((await aws.send(new GetApiKeyCommand({ apiKey: key.awsKeyId ?? "" }))).enabled).toBe(false);

    expect(await retryOperation(admin, stale.id)).toMatchObject({ ok: false, error: { code: "conflict", message: expect.stringMatching(/newer change/) } });
    expect((await aws.send(new GetApiKeyCommand({ apiKey: key.awsKeyId ?? "" }))).enabled).toBe(false);
  });

  it("is for admins only", async () => {
    const op = await db.operation.findFirstOrThrow({ select: { id: true } });
    for (const actor of [null, await newCustomer(), await newStaff("BILLING")]) {
      expect((await listOperations(actor, noFilters)).ok).toBe(false);
      expect((await getOperation(actor, op.id)).ok).toBe(false);
      expect((await retryOperation(actor, op.id)).ok).toBe(false);
      expect((await reconcileNow(actor)).ok).toBe(false);
    }
  });

  it("reconcile now repairs drift, reports it and audits the run", async () => {
    const admin = await newStaff("ADMIN");
    const orphan = await aws.send(new CreateApiKeyCommand({ name: `gatehouse-orphan${randomUUID().slice(0, 6)}`, enabled: true }));
    const result = await reconcileNow(admin);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.report.orphansDeleted).toBeGreaterThanOrEqual(1);
    await expect(aws.send(new GetApiKeyCommand({ apiKey: orphan.id ?? "" }))).rejects.toThrow();
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "operation.reconcile", actorId: admin.userId } });
    expect(audit.meta).toMatchObject({ orphansDeleted: result.data.report.orphansDeleted, errors: result.data.report.errors.length });
  });
});
