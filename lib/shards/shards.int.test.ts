import { APIGatewayClient, GetApiKeyCommand, GetApiKeysCommand, GetUsagePlanCommand, GetUsagePlanKeysCommand, UpdateApiKeyCommand } from "@aws-sdk/client-api-gateway";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalAws, type LocalAws } from "@/local-aws/server";
import { signUp } from "@/lib/customers/sign-up";
import { db } from "@/lib/db";
import { getOwnKeyUsage } from "@/lib/keys/queries";
import { reconcile } from "@/lib/operations/reconcile";
import { drainOperations } from "@/lib/operations/run";
import { shardFill } from "@/lib/shards/placement";
import { applyTierChangeOnOtherShards, syncAllShardPlans, tierPlansOnShard } from "@/lib/shards/shard-plans";
import { createSnapshotRun } from "@/lib/usage-history/create-snapshot-run";
import { claimAndRunSnapshot } from "@/lib/usage-history/run-snapshot";
import { refreshUsage } from "@/lib/usage/sync-usage";
import { ensureTiers } from "@/test/fixtures";

// Three shards of 100 keys: three accounts of one local AWS, each with its own key limit, as GATEHOUSE_SHARDS lists
// them. The shard ids are this file's own, so other files' customers (on "default") never count here.
const SHARDS = ["it-shard-a", "it-shard-b", "it-shard-c"] as const;
const KEY_LIMIT = 100;

let aws: LocalAws;
const clients = new Map<string, APIGatewayClient>();
let basicTierId = "";
const customerIds: string[] = [];

function configure(limits: Partial<Record<(typeof SHARDS)[number], number>> = {}) {
  process.env.GATEHOUSE_SHARDS = JSON.stringify(
    SHARDS.map((id) => ({ id, endpoint: aws.url, accessKeyId: `${id}-akid`, secretAccessKey: "secret", keyLimit: limits[id] ?? KEY_LIMIT })),
  );
}

async function signUpOne(): Promise<Awaited<ReturnType<typeof signUp>>> {
  const result = await signUp({ name: "Shard Customer", email: `shard-${randomUUID()}@example.com`, password: "a-long-password", tierId: basicTierId });
  if (result.ok) customerIds.push(result.data.customerId);
  return result;
}

const fill = async () => new Map((await shardFill(db)).map((s) => [s.id, s]));

beforeAll(async () => {
  const tiers = await ensureTiers(); // read from the suite's own single-account AWS before the shards are configured
  basicTierId = tiers.find((t) => t.slug === "basic")?.id ?? "";
  aws = await startLocalAws({ port: 0, rateLimits: false, accounts: SHARDS.map((id) => ({ accessKeyId: `${id}-akid`, keyLimit: KEY_LIMIT })) });
  for (const id of SHARDS) {
    clients.set(id, new APIGatewayClient({ region: "us-east-1", endpoint: aws.url, credentials: { accessKeyId: `${id}-akid`, secretAccessKey: "secret" }, maxAttempts: 1 }));
  }
  configure();
  await syncAllShardPlans();
});

afterAll(async () => {
  delete process.env.GATEHOUSE_SHARDS;
  for (const client of clients.values()) client.destroy();
  await aws?.close();
});

describe("shards: customers and keys spread over AWS accounts", () => {
  it("finds each tier's plan on every shard, by the tier's slug", async () => {
    for (const [index, id] of SHARDS.entries()) {
      const plans = await tierPlansOnShard(id);
      expect(plans.get(basicTierId)).toBe(aws.accounts[index]?.demo.usagePlans.basic);
    }
  });

  it("places new customers on the shard with the most room and creates their keys in that shard's account", async () => {
    for (let i = 0; i < 9; i++) expect((await signUpOne()).ok).toBe(true);
    await drainOperations({ customerIds });
    const customers = await db.customer.findMany({ where: { id: { in: customerIds } }, include: { apiKeys: true } });
    const perShard = new Map<string, number>();
    for (const c of customers) perShard.set(c.shardId, (perShard.get(c.shardId) ?? 0) + 1);
    expect(Object.fromEntries(perShard)).toEqual({ "it-shard-a": 3, "it-shard-b": 3, "it-shard-c": 3 });

    for (const [index, id] of SHARDS.entries()) {
      const client = clients.get(id);
      const inAccount = (await client!.send(new GetApiKeysCommand({ limit: 500 }))).items ?? [];
      const onShard = customers.filter((c) => c.shardId === id).flatMap((c) => c.apiKeys);
      expect(onShard.every((k) => k.status === "ACTIVE")).toBe(true);
      expect(inAccount.map((k) => k.id).sort()).toEqual(onShard.map((k) => k.awsKeyId).sort());
      const basicPlan = aws.accounts[index]?.demo.usagePlans.basic ?? "";
      expect(onShard.every((k) => k.usagePlanId === basicPlan)).toBe(true);
      const members = (await client!.send(new GetUsagePlanKeysCommand({ usagePlanId: basicPlan, limit: 500 }))).items ?? [];
      expect(members.map((m) => m.id).sort()).toEqual(onShard.map((k) => k.awsKeyId).sort());
      expect((await fill()).get(id)?.liveKeys).toBe(3);
    }
  });

  it("gives a full shard no new customers, and refuses clearly when every shard is full", async () => {
    // it-shard-c keeps its 3 keys but has room for fewer than the basic tier's 5 keys: it is full for a newcomer.
    configure({ "it-shard-c": 7 });
    for (let i = 0; i < 4; i++) expect((await signUpOne()).ok).toBe(true);
    await drainOperations({ customerIds });
    const byShard = await fill();
    expect(byShard.get("it-shard-c")?.customers).toBe(3);
    expect(byShard.get("it-shard-a")?.customers).toBe(5);
    expect(byShard.get("it-shard-b")?.customers).toBe(5);
    for (const s of byShard.values()) expect(s.liveKeys).toBeLessThanOrEqual(s.keyLimit);

    configure({ "it-shard-a": 5, "it-shard-b": 5, "it-shard-c": 3 });
    const refused = await signUpOne();
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe("unavailable");
      expect(refused.error.message).toMatch(/every shard is full/i);
    }
    configure();
  });

  it("reconciles each shard against its own account: no drift, then one repair on the shard that drifted", async () => {
    const clean = await reconcile();
    for (const id of SHARDS) {
      const report = clean.shards.find((s) => s.shardId === id);
      expect(report).toMatchObject({ orphansDeleted: 0, revokedKeysDeleted: 0, missingMarkedRevoked: 0, enabledFixed: 0, plansFixed: 0, errors: [] });
      expect(report?.awsKeys).toBe((await fill()).get(id)?.liveKeys);
    }

    const key = await db.apiKey.findFirstOrThrow({ where: { customerId: { in: customerIds }, customer: { shardId: "it-shard-b" } } });
    await clients
      .get("it-shard-b")!
      .send(new UpdateApiKeyCommand({ apiKey: key.awsKeyId ?? "", patchOperations: [{ op: "replace", path: "/enabled", value: "false" }] }));
    const repaired = await reconcile();
    expect(repaired.shards.map((s) => [s.shardId, s.enabledFixed])).toEqual([
      ["it-shard-a", 0],
      ["it-shard-b", 1],
      ["it-shard-c", 0],
    ]);
  });

  it("reads a shard's usage from its own account: a customer's refresh and the usage history snapshot", async () => {
    const key = await db.apiKey.findFirstOrThrow({ where: { customerId: { in: customerIds }, status: "ACTIVE", customer: { shardId: "it-shard-c" } } });
    const account = aws.accounts[2];
    const value = (await clients.get("it-shard-c")!.send(new GetApiKeyCommand({ apiKey: key.awsKeyId ?? "", includeValue: true }))).value ?? "";
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${aws.url}/restapis/${account?.demo.restApiId}/prod/_user_request_/health`, { headers: { "x-api-key": value } });
      expect(res.status).toBe(200);
    }
    const today = new Date().toISOString().slice(0, 10);
    const refreshed = await refreshUsage(key.customerId);
    expect(refreshed.ok && refreshed.data.skippedKeyIds).toEqual([]);
    const stored = await db.usageDay.findFirst({ where: { apiKeyId: key.id, date: new Date(`${today}T00:00:00Z`) } });
    expect(stored?.used).toBe(3);
    // The customer's own view maps the shard's copy of the plan to the tier: the quota is shown.
    const user = await db.user.findFirstOrThrow({ where: { customerId: key.customerId } });
    const actor = { userId: user.id, email: user.email, name: user.name, role: "CUSTOMER" as const, customerId: key.customerId, authenticatedAt: new Date() };
    const own = await getOwnKeyUsage(actor);
    expect(own.ok && own.data.byKey[key.id]).toMatchObject({ today: 3, quota: { limit: 1000, period: "DAY" } });

    const run = await createSnapshotRun({ trigger: "MANUAL", from: today, to: today, planIds: [key.usagePlanId] });
    expect(await claimAndRunSnapshot({ runId: run.id })).toEqual({ runId: run.id, outcome: "succeeded" });
    const done = await db.usageSnapshotRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(done.rowsStored).toBeGreaterThanOrEqual(1);
    expect(done.lastError).toBeNull();
  });

  it("gives a tier change to the tier's plans on the other shards, once each, going on where a retry stopped", async () => {
    const planOn = async (id: string) => {
      const plans = await tierPlansOnShard(id);
      return clients.get(id)!.send(new GetUsagePlanCommand({ usagePlanId: plans.get(basicTierId) ?? "" }));
    };
    const before = await planOn("it-shard-a");
    const saved: string[][] = [];
    const change = {
      tags: { set: { "gatehouse:display-name": "Basic (sharded)" }, remove: [] },
      patch: [{ op: "replace" as const, path: "/throttle/rateLimit", value: "7" }],
    };
    // As if an earlier attempt had changed shard b before it stopped: only c is changed now.
    await applyTierChangeOnOtherShards(basicTierId, change, ["it-shard-b"], async (ids) => void saved.push(ids));
    expect(saved).toEqual([["it-shard-b", "it-shard-c"]]);
    const c = await planOn("it-shard-c");
    expect([c.throttle?.rateLimit, c.tags?.["gatehouse:display-name"]]).toEqual([7, "Basic (sharded)"]);
    expect((await planOn("it-shard-b")).throttle?.rateLimit).toBe(before.throttle?.rateLimit);
    // The primary shard's plan is the tier's own, changed by the operation itself.
    expect((await planOn("it-shard-a")).throttle?.rateLimit).toBe(before.throttle?.rateLimit);

    await applyTierChangeOnOtherShards(basicTierId, change, [], async (ids) => void saved.push(ids));
    expect((await planOn("it-shard-b")).throttle?.rateLimit).toBe(7);
  });
});
