// The period report CSV against the real database: its rows and totals are the report's (queryPeriodReport) for the
// same range and filters, hostile names are neutralised, amounts are decimal numbers, keyset batches neither skip
// nor repeat a customer, the export is audited, and a range without data is a header alone.
import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { queryPeriodReport } from "@/lib/billing/period-report";
import { exportReportCsv, reportRecords } from "@/lib/billing/report-export";
import { db } from "@/lib/db";
import { upsertUsageDays } from "@/lib/usage/store-usage-days";
import { ensureTiers, newCustomer, newStaff } from "@/test/fixtures";

const range = { from: "2034-05-01", to: "2034-05-31" };
const marker = `Export ${randomUUID().slice(0, 8)}`;
const HOSTILE = `@SUM(1+9)*cmd|' /C calc'!A0 ${marker}`;
let tiers: Record<string, { id: string; usagePlanId: string; name: string }> = {};
const made: string[] = [];

async function customer(name: string, company: string | null, spans: { slug: string; from: string; to: string | null }[], used: { slug: string; date: string; used: number }[]) {
  const c = await newCustomer("basic");
  await db.customer.update({ where: { id: c.customerId }, data: { name, company } });
  await db.customerTierSpan.deleteMany({ where: { customerId: c.customerId } });
  await db.customerTierSpan.createMany({ data: spans.map((s) => ({ customerId: c.customerId, tierId: tiers[s.slug]?.id ?? "", from: new Date(s.from), to: s.to ? new Date(s.to) : null })) });
  const key = await db.apiKey.create({ data: { customerId: c.customerId, name: "k", usagePlanId: tiers.basic?.usagePlanId ?? "", status: "ACTIVE" } });
  if (used.length > 0) await db.$executeRaw(upsertUsageDays(used.map((u) => ({ apiKeyId: key.id, usagePlanId: tiers[u.slug]?.usagePlanId ?? "", date: u.date, used: u.used, remaining: null })), new Date()));
  made.push(c.customerId);
  return c.customerId;
}

async function csvOf(stream: ReadableStream<Uint8Array>) {
  const bytes = Buffer.from(await new Response(stream).arrayBuffer());
  return { text: bytes.toString("utf8"), records: parse(bytes, { bom: true, columns: true }) as Record<string, string>[] };
}

const cents = (usd: string) => Math.round(Number(usd) * 100);

beforeAll(async () => {
  tiers = Object.fromEntries((await ensureTiers()).map((t) => [t.slug, { id: t.id, usagePlanId: t.usagePlanId, name: t.name }]));
  // Moved from basic to premium mid-month, over the daily quota on two days.
  await customer(`${marker} Moved`, "=1+1", [{ slug: "basic", from: "2034-01-01T00:00:00Z", to: "2034-05-11T10:00:00Z" }, { slug: "premium", from: "2034-05-11T10:00:00Z", to: null }], [
    { slug: "basic", date: "2034-05-02", used: 1200 },
    { slug: "premium", date: "2034-05-20", used: 12000 },
  ]);
  await customer(HOSTILE, "Comma, \"Quoted\"\nand a line break", [{ slug: "enterprise", from: "2034-01-01T00:00:00Z", to: null }], []);
  for (let i = 0; i < 5; i++) await customer(`${marker} Basic ${i}`, null, [{ slug: "basic", from: "2034-04-01T00:00:00Z", to: null }], [{ slug: "basic", date: "2034-05-03", used: 100 * (i + 1) }]);
});

describe("period report CSV export", () => {
  it("has the report's rows and totals, hostile text neutralised and amounts as decimal numbers, and audits the export", async () => {
    const billing = await newStaff("BILLING");
    const result = await exportReportCsv(billing, { range, filters: { search: marker }, totals: true });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.fileName).toBe("billing-report-2034-05-01-to-2034-05-31.csv");
    const { text, records } = await csvOf(result.data.stream);
    expect(text.split("\r\n")[0]).toBe(
      "\ufeffcustomer_id,customer,company,status,tier,tiers_in_period,period_from,period_to,requests,quota,quota_period,percent_used,days_at_quota,overage_requests,tier_price_usd,overage_usd,amount_usd",
    );
    const report = await queryPeriodReport({ range, filters: { search: marker }, limit: null, watchLists: false });
    const rows = records.slice(0, -1);
    expect(rows.map((r) => r.customer_id).sort()).toEqual(report.rows.map((r) => r.customerId).sort());
    for (const row of report.rows) {
      const r = rows.find((x) => x.customer_id === row.customerId);
      expect({
        requests: Number(r?.requests),
        daysAtQuota: Number(r?.days_at_quota),
        overageRequests: Number(r?.overage_requests),
        priceCents: cents(r?.tier_price_usd ?? ""),
        overageCents: cents(r?.overage_usd ?? ""),
        amountCents: cents(r?.amount_usd ?? ""),
        quota: r?.quota === "" ? null : Number(r?.quota),
      }).toEqual({ requests: row.requests, daysAtQuota: row.daysAtQuota, overageRequests: row.overageRequests, priceCents: row.priceCents, overageCents: row.overageCents, amountCents: row.amountCents, quota: row.quota });
    }
    const moved = rows.find((r) => r.customer === `${marker} Moved`);
    expect(moved).toMatchObject({ company: "'=1+1", status: "active", tier: tiers.premium?.name, period_from: range.from, period_to: range.to, quota_period: "day" });
    expect(moved?.tiers_in_period).toBe(`${tiers.basic?.name} 2034-05-01..2034-05-10 (10 days); ${tiers.premium?.name} 2034-05-11..2034-05-31 (21 days)`);
    const hostile = rows.find((r) => r.customer === `'${HOSTILE}`);
    expect(hostile).toMatchObject({ company: 'Comma, "Quoted"\nand a line break', tier: tiers.enterprise?.name, requests: "0", quota: "" });
    // Amounts are written bare with two decimals (numbers to a spreadsheet), never with an apostrophe.
    for (const r of records) for (const k of ["tier_price_usd", "overage_usd", "amount_usd"]) expect(r[k]).toMatch(/^-?\d+\.\d{2}$/);
    expect(text).toContain(`,${(report.totals.amountCents / 100).toFixed(2)}\r\n`);

    const totals = records.at(-1);
    expect(totals).toMatchObject({ customer_id: "", customer: `Total (${report.totals.customers} customers)` });
    expect({
      requests: Number(totals?.requests),
      overage: Number(totals?.overage_requests),
      days: Number(totals?.days_at_quota),
      price: cents(totals?.tier_price_usd ?? ""),
      overageCents: cents(totals?.overage_usd ?? ""),
      amount: cents(totals?.amount_usd ?? ""),
    }).toEqual({
      requests: report.totals.requests,
      overage: report.totals.overageRequests,
      days: report.totals.daysAtQuota,
      price: report.totals.priceCents,
      overageCents: report.totals.overageCents,
      amount: report.totals.amountCents,
    });
    expect(report.totals.customers).toBe(7);

    const audited = await db.auditLog.findFirstOrThrow({ where: { action: "billing.export", actorId: billing.userId } });
    expect(audited).toMatchObject({ targetType: "billing_report_csv", actorRole: "BILLING" });
    expect(audited.meta).toEqual({ export: "period_report", from: range.from, to: range.to, filters: { search: marker }, totals: true });
  });

  it("applies the report's filters", async () => {
    const admin = await newStaff("ADMIN");
    for (const [filters, expected] of [
      [{ search: marker, quota: "over" as const }, [`${marker} Moved`]],
      [{ search: marker, tierId: tiers.enterprise?.id }, [`'${HOSTILE}`]],
    ] as const) {
      const result = await exportReportCsv(admin, { range, filters, totals: false });
      if (!result.ok) throw new Error(result.error.message);
      expect((await csvOf(result.data.stream)).records.map((r) => r.customer)).toEqual(expected);
    }
  });

  it("reads customers in keyset batches without skipping or repeating one", async () => {
    const seen: string[] = [];
    let batches = 0;
    for await (const batch of reportRecords({ range, filters: { search: marker }, totals: false }, 3)) {
      batches++;
      seen.push(...batch.map((r) => String(r.customerId)));
    }
    expect(seen.sort()).toEqual([...made].sort());
    expect(batches).toBeGreaterThan(1);
  });

  it("is a header alone for a range without data, and for billing staff and admins only", async () => {
    const billing = await newStaff("BILLING");
    const empty = await exportReportCsv(billing, { range: { from: "2001-01-01", to: "2001-01-31" }, filters: { search: marker }, totals: false });
    if (!empty.ok) throw new Error(empty.error.message);
    const { text, records } = await csvOf(empty.data.stream);
    expect(records).toEqual([]);
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(1);
    const c = await newCustomer();
    for (const actor of [null, c]) {
      const refused = await exportReportCsv(actor, { range, filters: {}, totals: false });
      expect(refused.ok ? "ok" : refused.error.code).toBe(actor ? "forbidden" : "unauthenticated");
    }
  });
});
