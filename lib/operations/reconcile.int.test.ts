import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  DeleteUsagePlanKeyCommand,
  GetApiKeyCommand,
  GetUsagePlansCommand,
  UpdateApiKeyCommand,
} from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/create-key";
import { reconcile } from "@/lib/operations/reconcile";
import { drainOperations } from "@/lib/operations/run";
import { ensureTiers, newCustomer, parkLeftoverOperations } from "@/test/fixtures";

const aws = new APIGatewayClient({ maxAttempts: 1 });
const exists = (id: string) => aws.send(new GetApiKeyCommand({ apiKey: id })).then(() => true, () => false);

async function liveKey(customer: Awaited<ReturnType<typeof newCustomer>>, name: string) {
  const made = await createKey(customer, { name });
  if (!made.ok) throw new Error(made.error.message);
  return db.apiKey.findUniqueOrThrow({ where: { id: made.data.id } });
}

describe("reconcile repairs drift between the database and AWS", () => {
  it("deletes orphans, marks vanished keys, fixes enabled flags and plan membership, fails stale intents", async () => {
    // The files before this one share the database: what they left half-done (queued operations, pending keys) is
    // parked first, so the counts below are this test's drift alone.
    await parkLeftoverOperations();
    await db.apiKey.updateMany({ where: { status: "PENDING" }, data: { status: "FAILED", failureReason: "left behind by an earlier test file" } });
    await reconcile();
    const tiers = await ensureTiers();
    const premium = tiers.find((t) => t.slug === "premium")!;
    const customer = await newCustomer("basic");
    await drainOperations({ customerIds: [customer.customerId!] });

    // An AWS key with Gatehouse's name but no record (a crash before the intent was saved, or a deleted record).
    const orphan = await aws.send(new CreateApiKeyCommand({ name: "gatehouse-doesnotexist", enabled: true, tags: { GatehouseKeyId: "doesnotexist" } }));
    // Someone else's key in the same account (another system, or a portal with another GATEHOUSE_KEY_PREFIX).
    const foreign = await aws.send(new CreateApiKeyCommand({ name: "billing-system-key", enabled: true, tags: { GatehouseKeyId: "doesnotexist" } }));
    // A live record whose AWS key was deleted in the console.
    const vanished = await liveKey(customer, "vanished");
    await aws.send(new DeleteApiKeyCommand({ apiKey: vanished.awsKeyId ?? "" }));
    // A key disabled in the console while the portal says active.
    const flipped = await liveKey(customer, "flipped");
    await aws.send(new UpdateApiKeyCommand({ apiKey: flipped.awsKeyId ?? "", patchOperations: [{ op: "replace", path: "/enabled", value: "false" }] }));
    // A key moved to the wrong plan.
    const moved = await liveKey(customer, "moved");
    await aws.send(new DeleteUsagePlanKeyCommand({ usagePlanId: moved.usagePlanId, keyId: moved.awsKeyId ?? "" }));
    await aws.send(new CreateUsagePlanKeyCommand({ usagePlanId: premium.usagePlanId, keyId: moved.awsKeyId ?? "", keyType: "API_KEY" }));
    // An intent that never finished (no operation left), with its AWS key half-made, ten minutes ago.
    const stale = await db.apiKey.create({
      data: { customerId: customer.customerId, name: "stale", usagePlanId: moved.usagePlanId, status: "PENDING", createdAt: new Date(Date.now() - 10 * 60_000) },
    });
    const half = await aws.send(new CreateApiKeyCommand({ name: `gatehouse-${stale.id}`, enabled: true }));

    const report = await reconcile();
    expect(report.errors.filter((e) => !/usage plan|missing|gone|broken/i.test(e))).toEqual([]);
    expect(report.orphansDeleted).toBeGreaterThanOrEqual(1);
    expect(await exists(orphan.id ?? "")).toBe(false);
    expect(await exists(foreign.id ?? "")).toBe(true);

    const vanishedNow = await db.apiKey.findUniqueOrThrow({ where: { id: vanished.id } });
    expect([vanishedNow.status, vanishedNow.failureReason]).toEqual(["REVOKED", "The key no longer exists in AWS."]);

    expect((await aws.send(new GetApiKeyCommand({ apiKey: flipped.awsKeyId ?? "" }))).enabled).toBe(true);

    const plans = await aws.send(new GetUsagePlansCommand({ keyId: moved.awsKeyId ?? "" }));
    expect(plans.items?.map((p) => p.id)).toEqual([moved.usagePlanId]);

    expect((await db.apiKey.findUniqueOrThrow({ where: { id: stale.id } })).status).toBe("FAILED");
    expect(await exists(half.id ?? "")).toBe(false);

    const second = await reconcile();
    expect([second.orphansDeleted, second.missingMarkedRevoked, second.enabledFixed, second.plansFixed, second.stalePendingFailed]).toEqual([0, 0, 0, 0, 0]);
  });
});
