// 200 random self-service operations against local AWS with 20% of API Gateway calls failing (5xx, throttling,
// dropped connections) and the SDK's own retries off, then a reconcile: AWS and the database must agree.
process.env.AWS_MAX_ATTEMPTS = "1";

import { APIGatewayClient, GetApiKeysCommand, GetUsagePlanKeysCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/create-key";
import { renameKey, revokeKey, rotateKey, setOwnKeyEnabled } from "@/lib/keys/manage-key";
import { reconcile } from "@/lib/operations/reconcile";
import { drainOperations, runDueOperations } from "@/lib/operations/run";
import { changeTier } from "@/lib/tiers/change-tier";
import { ensureTiers, newCustomer } from "@/test/fixtures";
import { setFaults } from "@/test/local-aws-faults";

const aws = new APIGatewayClient({ maxAttempts: 3 }); // the checker itself retries
const WEEK_AND_A_BIT = 8 * 24 * 3600;

// A small deterministic random generator, so a failure can be replayed.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

afterAll(async () => {
  await setFaults([]);
});

describe("consistency with AWS under faults", () => {
  it("keeps every key in AWS matched to a live record, in exactly its customer's tier plan", { timeout: 300_000 }, async () => {
    const random = rng(7);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const tiers = (await ensureTiers()).filter((t) => t.slug === "basic" || t.slug === "premium");
    const customers = [];
    for (let i = 0; i < 8; i++) customers.push(await newCustomer(i % 2 ? "premium" : "basic"));
    const ids = new Set(customers.map((c) => c.customerId));

    await setFaults([
      { operation: "apigateway:*", errorRate: 0.1, kind: "5xx" },
      { operation: "apigateway:*", errorRate: 0.07, kind: "throttle" },
      { operation: "apigateway:*", dropRate: 0.03 },
    ], 20261124);

    const tally: Record<string, { ok: number; refused: number }> = {};
    for (let n = 0; n < 200; n++) {
      const customer = pick(customers);
      const keys = await db.apiKey.findMany({ where: { customerId: customer.customerId, status: { in: ["ACTIVE", "DISABLED"] } } });
      const key = keys.length ? pick(keys) : null;
      const roll = random();
      let kind: string;
      let result: { ok: boolean };
      if (roll < 0.3 || !key) {
        kind = "create";
        result = await createKey(customer, { name: `k${n}` });
      } else if (roll < 0.4) {
        kind = "rename";
        result = await renameKey(customer, key.id, { name: `renamed ${n}` });
      } else if (roll < 0.55) {
        kind = key.status === "ACTIVE" ? "disable" : "enable";
        result = await setOwnKeyEnabled(customer, key.id, key.status !== "ACTIVE");
      } else if (roll < 0.7) {
        kind = "revoke";
        result = await revokeKey(customer, key.id);
      } else if (roll < 0.85) {
        kind = "rotate";
        result = await rotateKey(customer, key.id, { grace: pick(["now", "1h"] as const) });
      } else {
        kind = "tier";
        result = await changeTier(customer, { tierId: pick(tiers).id, acknowledgePrice: true });
      }
      (tally[kind] ??= { ok: 0, refused: 0 })[result.ok ? "ok" : "refused"]++;
      if (n % 10 === 9) await runDueOperations({ horizonSeconds: 600, customerIds: [...ids] }); // the background worker, under the same faults
    }

    const opsUnderFaults = await db.operation.groupBy({ by: ["status"], where: { customerId: { in: [...ids] } }, _count: { _all: true } });
    console.log("operations by kind (ok/refused):", JSON.stringify(tally));
    console.log("operation states before recovery:", JSON.stringify(opsUnderFaults.map((g) => [g.status, g._count._all])));

    // Faults stop; the worker finishes or compensates everything (retries and rotation grace periods included).
    await setFaults([]);
    await drainOperations({ horizonSeconds: WEEK_AND_A_BIT, customerIds: [...ids] });
    const report = await reconcile();
    console.log("reconcile:", JSON.stringify({ ...report, errors: report.errors.length }));

    const stuck = await db.operation.count({ where: { customerId: { in: [...ids] }, status: { in: ["QUEUED", "RUNNING"] } } });
    expect(stuck).toBe(0);

    const records = await db.apiKey.findMany({ where: { customerId: { in: [...ids] } }, include: { customer: { include: { tier: true } } } });
    expect(records.filter((r) => r.status === "PENDING")).toEqual([]);
    const live = records.filter((r) => r.status === "ACTIVE" || r.status === "DISABLED");
    expect(live.length).toBeGreaterThan(0);

    // 1. No key in AWS without its live record.
    const awsKeys = [];
    for (const customerId of ids) {
      const page = await aws.send(new GetApiKeysCommand({ customerId, limit: 500 }));
      awsKeys.push(...(page.items ?? []));
    }
    const liveAwsIds = new Set(live.map((r) => r.awsKeyId));
    expect(awsKeys.filter((k) => !liveAwsIds.has(k.id ?? "")).map((k) => k.name)).toEqual([]);

    // 2. No live record without its key, and AWS's enabled flag matches the record.
    const awsById = new Map(awsKeys.map((k) => [k.id, k]));
    for (const r of live) {
      expect(awsById.has(r.awsKeyId ?? ""), `record ${r.id} has its AWS key`).toBe(true);
      expect(awsById.get(r.awsKeyId ?? "")?.enabled, `record ${r.id} enabled flag`).toBe(r.status === "ACTIVE");
    }

    // 3. Every live key is in exactly one plan: its customer's tier plan.
    const members = new Map<string, string[]>();
    for (const tier of await ensureTiers()) {
      let position: string | undefined;
      do {
        const page = await aws.send(new GetUsagePlanKeysCommand({ usagePlanId: tier.usagePlanId, limit: 500, position })).catch(() => null);
        for (const k of page?.items ?? []) members.set(k.id ?? "", [...(members.get(k.id ?? "") ?? []), tier.usagePlanId]);
        position = page?.position;
      } while (position);
    }
    for (const r of live) expect(members.get(r.awsKeyId ?? ""), `plans of ${r.id}`).toEqual([r.customer.tier.usagePlanId]);
  });
});
