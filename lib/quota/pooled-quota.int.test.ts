import { APIGatewayClient, GetUsageCommand } from "@aws-sdk/client-api-gateway";
import { beforeAll, describe, expect, it } from "vitest";
import { adminChangeTier } from "@/lib/customers/admin-actions";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/create-key";
import { revokeKey, rotateKey } from "@/lib/keys/manage-key";
import { drainOperations } from "@/lib/operations/run";
import { pooledQuota } from "@/lib/quota/pooled-usage";
import { rebalanceSweep } from "@/lib/quota/rebalance";
import { utcDay } from "@/lib/usage/utc-days";
import { ensureTiers, newCustomer, newStaff, parkLeftoverOperations } from "@/test/fixtures";

// The pooled quota with real gateway traffic through local AWS's data plane: keys created, rotated, moved and revoked
// through the portal's own operations, GetUsage/UpdateUsage on local AWS's usage plans, a real database. No mocks.
const aws = new APIGatewayClient({ maxAttempts: 1 });
const gateway = () => `${process.env.GATEHOUSE_GATEWAY_URL ?? ""}/pets`;
const today = () => utcDay(new Date());

async function tier(slug: string) {
  const found = (await ensureTiers()).find((t) => t.slug === slug);
  if (!found) throw new Error(`no ${slug} tier`);
  return found;
}

/** A customer of `tierSlug` with its sign-up key plus `extra` keys, each created through the portal's operation. */
async function customerWithKeys(tierSlug: string, extra: number) {
  const customer = await newCustomer(tierSlug);
  await drainOperations({ customerIds: [customer.customerId!] }); // the sign-up key's creation
  const values: string[] = [];
  for (let i = 0; i < extra; i++) {
    const key = await createKey(customer, { name: `k${i}` });
    if (!key.ok || !key.data.value) throw new Error(key.ok ? "key still pending" : key.error.message);
    values.push(key.data.value);
  }
  const records = await db.apiKey.findMany({ where: { customerId: customer.customerId, status: "ACTIVE" }, orderBy: { createdAt: "asc" } });
  return { customer, values, records };
}

async function send(value: string): Promise<{ status: number; message: string }> {
  const res = await fetch(gateway(), { headers: { "x-api-key": value } });
  const text = await res.text();
  let message = "";
  try {
    message = (JSON.parse(text) as { message?: string }).message ?? "";
  } catch {
    // a backend answer, not an error
  }
  return { status: res.status, message };
}

/** AWS's own figure: the key's remaining quota today in the plan (what the data plane enforces). */
async function remaining(usagePlanId: string, awsKeyId: string): Promise<number | undefined> {
  const day = today();
  const out = await aws.send(new GetUsageCommand({ usagePlanId, keyId: awsKeyId, startDate: day, endDate: day }));
  return out.items?.[awsKeyId]?.[0]?.[1];
}

/** Local AWS's usage backfill: requests the key made earlier today (so a test need not send hundreds). */
async function usedEarlierToday(usagePlanId: string, keyId: string, used: number) {
  const res = await fetch(`${process.env.AWS_ENDPOINT_URL}/_localaws/usage/backfill`, {
    method: "POST",
    body: JSON.stringify({ usagePlanId, keyId, mode: "add", days: [{ date: today(), used }] }),
  });
  if (!res.ok) throw new Error(`backfill: ${res.status} ${await res.text()}`);
}

async function sendUntilRefused(value: string, max: number): Promise<{ admitted: number; refusal: string }> {
  for (let admitted = 0; admitted < max; ) {
    const r = await send(value);
    if (r.status === 200) admitted += 1;
    else if (r.message === "Too Many Requests") await new Promise((resolve) => setTimeout(resolve, 200)); // throttled: not counted
    else return { admitted, refusal: `${r.status} ${r.message}` };
  }
  return { admitted: max, refusal: "" };
}

describe("pooled quota: one quota per customer across its keys, enforced on AWS's usage plans", () => {
  beforeAll(parkLeftoverOperations);

  beforeAll(async () => {
    await ensureTiers();
  });

  it("a basic customer (1,000 a day) sending from 5 keys at full rate completes at most 1.05 × quota + burst", async () => {
    const basic = await tier("basic");
    expect([basic.quotaLimit, basic.rateLimit, basic.burstLimit]).toEqual([1000, 10, 20]);
    // Five keys whose values the test holds: the sign-up key (its value was shown once, at sign-up) is revoked first.
    const customer = await newCustomer("basic");
    await drainOperations({ customerIds: [customer.customerId!] }); // the sign-up key's creation
    const signup = await db.apiKey.findFirstOrThrow({ where: { customerId: customer.customerId } });
    expect((await revokeKey(customer, signup.id)).ok).toBe(true);
    const senders: string[] = [];
    for (let i = 0; i < 5; i++) {
      const key = await createKey(customer, { name: `sender ${i}` });
      if (!key.ok || !key.data.value) throw new Error(key.ok ? "key still pending" : key.error.message);
      senders.push(key.data.value);
    }
    const records = await db.apiKey.findMany({ where: { customerId: customer.customerId, status: "ACTIVE" } });
    // Creating each key split the pool again: five shares of 200, in AWS.
    expect(await Promise.all(records.map((r) => remaining(basic.usagePlanId, r.awsKeyId ?? "")))).toEqual([200, 200, 200, 200, 200]);

    // The worker's sweep runs alongside, as in production (every half second here instead of every 10 s).
    let stop = false;
    let sweeps = 0;
    const sweeper = (async () => {
      while (!stop) {
        await rebalanceSweep({ callsPerSecond: 20 });
        sweeps += 1;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    const counts = { admitted: 0, throttled: 0, overQuota: 0, other: 0 };
    const refusedAtQuota = new Set<number>();
    const deadline = Date.now() + 45_000;
    const senderLoops = senders.map(async (value, index) => {
      // Full rate: 20 requests a second per key against a 10/s throttle (bursts of 20).
      while (!stop && Date.now() < deadline) {
        const r = await send(value);
        if (r.status === 200) counts.admitted += 1;
        else if (r.status === 429 && r.message === "Too Many Requests") counts.throttled += 1;
        else if (r.status === 429 && r.message === "Limit Exceeded") {
          counts.overQuota += 1;
          refusedAtQuota.add(index);
        } else counts.other += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    // Until every key is at its quota and the pool, as stored by a sweep, is spent.
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const pool = await pooledQuota(customer.customerId);
      if (refusedAtQuota.size === 5 && pool?.remaining === 0) break;
    }
    // A few more seconds of full-rate traffic with the sweep running: the pool stays shut.
    const shutAt = counts.admitted;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    stop = true;
    await Promise.all([...senderLoops, sweeper]);
    await rebalanceSweep({ callsPerSecond: 20 });

    const pool = await pooledQuota(customer.customerId);
    console.log(
      `[pooled quota] basic, 5 keys at full rate: ${counts.admitted} requests completed (quota 1000, bound 1070); ` +
        `${counts.throttled} throttled, ${counts.overQuota} over quota, ${sweeps} sweeps; pooled used ${pool?.used}`,
    );
    expect(counts.other).toBe(0);
    expect(refusedAtQuota.size).toBe(5);
    expect(counts.admitted).toBeLessThanOrEqual(1070);
    expect(counts.admitted).toBeGreaterThanOrEqual(1000); // the pool was usable to the end, not cut short
    expect(counts.admitted - shutAt).toBeLessThanOrEqual(70);
    expect(pool?.used).toBe(counts.admitted); // AWS counted exactly the requests that completed
    // Room for a sweep of every tier's plan (other files leave large ones) still running when the traffic stops.
  }, 120_000);

  it("a rotated key carries the period's used count: the new key gets what is left of the pool, not a fresh quota", async () => {
    const basic = await tier("basic");
    const { customer, values, records } = await customerWithKeys("basic", 1);
    const [signup, key] = records;
    if (!signup || !key || !values[0]) throw new Error("setup");
    for (let i = 0; i < 5; i++) expect((await send(values[0])).status).toBe(200);
    await usedEarlierToday(basic.usagePlanId, key.awsKeyId ?? "", 985); // 990 of 1,000 used today, all by this key

    const rotated = await rotateKey(customer, key.id, { grace: "now" });
    if (!rotated.ok || !rotated.data.value) throw new Error("rotation failed");
    const fresh = await db.apiKey.findUniqueOrThrow({ where: { id: rotated.data.newKeyId } });
    // The pool: 1,000 − 990 = 10, split over the sign-up key and the new key once the old one was disabled.
    expect(await remaining(basic.usagePlanId, fresh.awsKeyId ?? "")).toBe(5);
    expect(await remaining(basic.usagePlanId, signup.awsKeyId ?? "")).toBe(5);
    expect((await send(values[0])).status).toBe(403); // the old key is off
    expect(await sendUntilRefused(rotated.data.value, 50)).toEqual({ admitted: 5, refusal: "429 Limit Exceeded" });
    await rebalanceSweep({ callsPerSecond: 20 });
    expect((await pooledQuota(customer.customerId))?.used).toBe(995);
  }, 60_000);

  it("a tier move, and back, carries the used count", async () => {
    const [basic, premium] = [await tier("basic"), await tier("premium")];
    const admin = await newStaff("ADMIN");
    const { customer, values, records } = await customerWithKeys("basic", 1);
    const key = records[1];
    if (!key || !values[0]) throw new Error("setup");
    for (let i = 0; i < 5; i++) expect((await send(values[0])).status).toBe(200);
    await usedEarlierToday(basic.usagePlanId, key.awsKeyId ?? "", 985); // 990 of 1,000 used today

    const up = await adminChangeTier(admin, customer.customerId, { tierId: premium.id });
    expect(up.ok && up.data.status).toBe("done");
    // Premium's 10,000 a day, less the 990 already used on basic, over the two keys.
    const shares = await Promise.all(records.map((r) => remaining(premium.usagePlanId, r.awsKeyId ?? "")));
    expect(shares.reduce((total: number, n) => total + (n ?? 0), 0)).toBe(10_000 - 990);
    for (let i = 0; i < 3; i++) expect((await send(values[0])).status).toBe(200); // 993 used now

    const down = await adminChangeTier(admin, customer.customerId, { tierId: basic.id });
    expect(down.ok && down.data.status).toBe("done");
    // Back on basic, the keys do not start afresh: 1,000 − 993 = 7 left for the customer, in all.
    const back = await Promise.all(records.map((r) => remaining(basic.usagePlanId, r.awsKeyId ?? "")));
    expect(back.reduce((total: number, n) => total + (n ?? 0), 0)).toBe(7);
    const busier = back[1] ?? 0;
    expect(await sendUntilRefused(values[0], 20)).toEqual({ admitted: busier, refusal: "429 Limit Exceeded" });
    await rebalanceSweep({ callsPerSecond: 20 });
    expect((await pooledQuota(customer.customerId))?.used).toBe(993 + busier);
  }, 60_000);

  it("a revoked key's usage still counts: the customer's other keys get only what is left", async () => {
    const basic = await tier("basic");
    const { customer, values, records } = await customerWithKeys("basic", 1);
    const [signup, key] = records;
    if (!signup || !key || !values[0]) throw new Error("setup");
    for (let i = 0; i < 5; i++) expect((await send(values[0])).status).toBe(200);
    await usedEarlierToday(basic.usagePlanId, key.awsKeyId ?? "", 795); // 800 used by the key about to go

    expect((await revokeKey(customer, key.id)).ok).toBe(true);
    expect((await send(values[0])).status).toBe(403);
    expect((await pooledQuota(customer.customerId))?.used).toBe(800);
    // The sign-up key still holds the 500 it got when the second key was created; the sweep brings it to 200.
    expect(await remaining(basic.usagePlanId, signup.awsKeyId ?? "")).toBe(500);
    await rebalanceSweep({ callsPerSecond: 20 });
    expect(await remaining(basic.usagePlanId, signup.awsKeyId ?? "")).toBe(200);
  }, 60_000);
});
