// The daily-usage CSV against the real database: rows from stored UsageDay rows, hostile names neutralised, keyset
// batches without gaps or repeats, refusals, the audit entry, and a header-only file for a range without data.
import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { dailyUsageRecords, exportDailyUsageCsv } from "@/lib/billing/daily-usage-export";
import { signUp } from "@/lib/customers/sign-up";
import { db } from "@/lib/db";
import { upsertUsageDays } from "@/lib/usage/store-usage-days";
import { ensureTiers, newCustomer, newStaff } from "@/test/fixtures";

const HOSTILE_NAME = '=HYPERLINK("http://evil.example","Invoice")';
const HOSTILE_COMPANY = "+cmd|' /C calc'!A0";

async function csvOf(stream: ReadableStream<Uint8Array>) {
  const bytes = Buffer.from(await new Response(stream).arrayBuffer());
  return { bytes, records: parse(bytes, { bom: true, columns: true }) as Record<string, string>[] };
}

/** A customer signed up through the real service (its first key is queued), with a second key and usage days. */
async function customerWithUsage(name: string, company: string | null, days: { date: string; used: number; key?: "first" | "second"; plan?: string }[]) {
  const tiers = await ensureTiers();
  const tier = tiers.find((t) => t.slug === "basic") ?? tiers[0];
  if (!tier) throw new Error("no tiers");
  const result = await signUp({ name, company: company ?? "", email: `export-${randomUUID()}@example.com`, password: "a-long-password", tierId: tier.id });
  if (!result.ok) throw new Error(result.error.message);
  const customerId = result.data.customerId;
  const first = await db.apiKey.findFirstOrThrow({ where: { customerId } });
  await db.apiKey.update({ where: { id: first.id }, data: { lastFour: "a1b2", status: "ACTIVE" } });
  const second = await db.apiKey.create({ data: { customerId, name: "@second key", usagePlanId: tier.usagePlanId, status: "REVOKED", lastFour: "-9z9" } });
  const rows = days.map((d) => ({ apiKeyId: d.key === "second" ? second.id : first.id, usagePlanId: d.plan ?? tier.usagePlanId, date: d.date, used: d.used, remaining: null }));
  if (rows.length > 0) await db.$executeRaw(upsertUsageDays(rows, new Date()));
  return { customerId, first, second, tier };
}

const params = (from: string, to: string, customerId: string | null = null) => ({ from, to, customerId });

describe("daily-usage CSV export", () => {
  it("has one row per customer × key × plan × day, text neutralised, requests numeric, and audits the export", async () => {
    const billing = await newStaff("BILLING");
    const tiers = await ensureTiers();
    const otherPlan = tiers.find((t) => t.slug !== "basic")?.usagePlanId ?? "other-plan";
    const { customerId, first, second, tier } = await customerWithUsage(HOSTILE_NAME, HOSTILE_COMPANY, [
      { date: "2031-03-01", used: 120 },
      { date: "2031-03-02", used: 80 },
      { date: "2031-03-02", used: 5, plan: otherPlan }, // moved between plans that day: a row per plan
      { date: "2031-03-02", used: 7, key: "second" },
      { date: "2031-02-28", used: 999 }, // outside the range
      { date: "2031-04-01", used: 999 },
    ]);
    const result = await exportDailyUsageCsv(billing, params("2031-03-01", "2031-03-31", customerId));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.fileName).toBe(`daily-usage-${customerId}-2031-03-01-to-2031-03-31.csv`);
    const { bytes, records } = await csvOf(result.data.stream);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8").split("\r\n")[0]).toBe("\ufeffdate,customer_id,customer,company,customer_status,key_name,key_id,key_last_four,usage_plan_id,tier,requests");
    const otherTier = tiers.find((t) => t.usagePlanId === otherPlan)?.name ?? "";
    const base = { customer_id: customerId, customer: `'${HOSTILE_NAME}`, company: `'${HOSTILE_COMPANY}`, customer_status: "active" };
    // Keys oldest first, then day, then plan.
    expect(records).toEqual([
      { date: "2031-03-01", ...base, key_name: "Default key", key_id: first.id, key_last_four: "a1b2", usage_plan_id: tier.usagePlanId, tier: tier.name, requests: "120" },
      ...[
        { date: "2031-03-02", ...base, key_name: "Default key", key_id: first.id, key_last_four: "a1b2", usage_plan_id: tier.usagePlanId, tier: tier.name, requests: "80" },
        { date: "2031-03-02", ...base, key_name: "Default key", key_id: first.id, key_last_four: "a1b2", usage_plan_id: otherPlan, tier: otherTier, requests: "5" },
      ].sort((a, b) => (a.usage_plan_id < b.usage_plan_id ? -1 : 1)),
      { date: "2031-03-02", ...base, key_name: "'@second key", key_id: second.id, key_last_four: "'-9z9", usage_plan_id: tier.usagePlanId, tier: tier.name, requests: "7" },
    ]);
    // Requests are written as bare numbers (no apostrophe, no quotes): a spreadsheet sums them.
    expect(bytes.toString("utf8")).toMatch(/,"[^"]*",120\r\n/);

    const audited = await db.auditLog.findFirstOrThrow({ where: { action: "billing.export", actorId: billing.userId } });
    expect(audited).toMatchObject({ actorRole: "BILLING", targetType: "daily_usage_csv", customerId, outcome: "success" });
    expect(audited.meta).toEqual({ export: "daily_usage", from: "2031-03-01", to: "2031-03-31", customerId });
  });

  it("includes deleted customers' usage, and every customer with usage in the range when none is named", async () => {
    const admin = await newStaff("ADMIN");
    const a = await customerWithUsage("Export Range A", null, [{ date: "2032-05-10", used: 3 }]);
    const b = await customerWithUsage("Export Range B", "B & Co, \"Ltd\"", [{ date: "2032-05-11", used: 4 }]);
    await db.customer.update({ where: { id: b.customerId }, data: { status: "DELETED", deletedAt: new Date() } });
    const result = await exportDailyUsageCsv(admin, params("2032-05-01", "2032-05-31"));
    if (!result.ok) throw new Error(result.error.message);
    const { records } = await csvOf(result.data.stream);
    expect(records.map((r) => [r.customer_id, r.company, r.customer_status, r.requests])).toEqual([
      [a.customerId, "", "active", "3"],
      [b.customerId, 'B & Co, "Ltd"', "deleted", "4"],
    ]);
  });

  it("pages customers by keyset (same names included) without gaps or repeats", async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await customerWithUsage(i < 3 ? "Same Name" : `Export Page ${i}`, null, [{ date: "2033-07-01", used: i + 1 }, { date: "2033-07-02", used: 10 }])).customerId);
    const batches: string[][] = [];
    for await (const batch of dailyUsageRecords(params("2033-07-01", "2033-07-02"), 2)) batches.push(batch.map((r) => String(r.customerId)));
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2]); // 2 customers × 2 days per batch
    const seen = batches.flat();
    expect(new Set(seen)).toEqual(new Set(made));
    expect(seen).toHaveLength(10);
  });

  it("is a header alone for a range without usage", async () => {
    const billing = await newStaff("BILLING");
    const result = await exportDailyUsageCsv(billing, params("2099-01-01", "2099-01-31"));
    if (!result.ok) throw new Error(result.error.message);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(result.data.stream).arrayBuffer());
    expect(text).toBe("\ufeffdate,customer_id,customer,company,customer_status,key_name,key_id,key_last_four,usage_plan_id,tier,requests\r\n");
  });

  it("is for billing staff and admins only, and says so for an unknown customer", async () => {
    const customer = await newCustomer();
    for (const actor of [null, customer]) {
      const result = await exportDailyUsageCsv(actor, params("2031-03-01", "2031-03-31"));
      expect(result.ok ? "ok" : result.error.code).toBe(actor ? "forbidden" : "unauthenticated");
    }
    const billing = await newStaff("BILLING");
    const missing = await exportDailyUsageCsv(billing, params("2031-03-01", "2031-03-31", "no-such-customer"));
    expect(missing.ok ? "ok" : missing.error.code).toBe("not_found");
    expect(await db.auditLog.count({ where: { action: "billing.export", actorId: { in: [customer.userId, billing.userId] } } })).toBe(0);
  });
});
