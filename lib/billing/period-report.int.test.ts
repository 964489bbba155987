import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { customerPeriod, periodReport, queryCustomerPeriod, queryPeriodReport, type ReportRow } from "@/lib/billing/period-report";
import { upsertUsageDays } from "@/lib/usage/store-usage-days";
import { ensureTiers, newCustomer, newStaff } from "@/test/fixtures";

// March 2025 (31 days, before any other test's customer exists): customers seeded with historical tier spans, keys
// and stored usage, so every figure below is worked out by hand from the rules in lib/billing/amounts.ts.
const march = { from: "2025-03-01", to: "2025-03-31" };
const marker = `Report ${randomUUID().slice(0, 8)}`;
const ids: Record<"moved" | "deleted" | "enterprise" | "near" | "later", string> = { moved: "", deleted: "", enterprise: "", near: "", later: "" };
let tier: Record<string, { id: string; usagePlanId: string }> = {};

async function customerNamed(name: string, slug: string): Promise<string> {
  const c = await newCustomer(slug);
  await db.customer.update({ where: { id: c.customerId }, data: { name: `${marker} ${name}` } });
  return c.customerId;
}

async function setSpans(customerId: string, spans: { slug: string; from: string; to: string | null }[]) {
  await db.customerTierSpan.deleteMany({ where: { customerId } });
  await db.customerTierSpan.createMany({
    data: spans.map((s) => ({ customerId, tierId: tier[s.slug]?.id ?? "", from: new Date(s.from), to: s.to ? new Date(s.to) : null })),
  });
}

async function key(customerId: string, slug: string, status: "ACTIVE" | "REVOKED"): Promise<string> {
  const k = await db.apiKey.create({
    data: { customerId, name: `${status.toLowerCase()} key`, usagePlanId: tier[slug]?.usagePlanId ?? "", status, revokedAt: status === "REVOKED" ? new Date("2025-03-15T00:00:00Z") : null },
  });
  return k.id;
}

async function usage(rows: { key: string; slug: string; date: string; used: number }[]) {
  await db.$executeRaw(upsertUsageDays(rows.map((r) => ({ apiKeyId: r.key, usagePlanId: tier[r.slug]?.usagePlanId ?? "", date: r.date, used: r.used, remaining: null })), new Date()));
}

beforeAll(async () => {
  tier = Object.fromEntries((await ensureTiers()).map((t) => [t.slug, { id: t.id, usagePlanId: t.usagePlanId }]));

  // Basic until 11 March 10:00, then premium; one live key and one revoked key (its usage still counts).
  ids.moved = await customerNamed("Moved", "basic");
  await setSpans(ids.moved, [
    { slug: "basic", from: "2025-01-01T00:00:00Z", to: "2025-03-11T10:00:00Z" },
    { slug: "premium", from: "2025-03-11T10:00:00Z", to: null },
  ]);
  const live = await key(ids.moved, "premium", "ACTIVE");
  const revoked = await key(ids.moved, "basic", "REVOKED");
  await usage([
    { key: live, slug: "basic", date: "2025-03-02", used: 800 },
    { key: revoked, slug: "basic", date: "2025-03-02", used: 400 }, // 1,200 on basic: 200 over
    { key: live, slug: "basic", date: "2025-03-05", used: 1000 }, // exactly at quota
    { key: live, slug: "basic", date: "2025-03-11", used: 300 },
    { key: live, slug: "premium", date: "2025-03-11", used: 10700 }, // premium on the 11th: 11,000, 1,000 over
    { key: revoked, slug: "basic", date: "2025-03-20", used: 100 },
    { key: live, slug: "basic", date: "2025-02-28", used: 5000 }, // before the range: not counted
  ]);

  // Premium, deleted on 16 March: billed 1–16 March.
  ids.deleted = await customerNamed("Deleted", "premium");
  await db.customer.update({ where: { id: ids.deleted }, data: { status: "DELETED", deletedAt: new Date() } });
  await setSpans(ids.deleted, [{ slug: "premium", from: "2025-02-01T00:00:00Z", to: "2025-03-16T08:00:00Z" }]);
  const gone = await key(ids.deleted, "premium", "REVOKED");
  await usage([{ key: gone, slug: "premium", date: "2025-03-03", used: 500 }]);

  // Enterprise all month, no usage.
  ids.enterprise = await customerNamed("Enterprise", "basic");
  await setSpans(ids.enterprise, [{ slug: "enterprise", from: "2024-06-01T00:00:00Z", to: null }]);

  // Basic, 85% of its daily quota on one day: near quota.
  ids.near = await customerNamed("Near", "basic");
  await setSpans(ids.near, [{ slug: "basic", from: "2025-03-04T15:00:00Z", to: null }]);
  const nearKey = await key(ids.near, "basic", "ACTIVE");
  await usage([{ key: nearKey, slug: "basic", date: "2025-03-04", used: 850 }]);

  // Signed up after March: not in March's report.
  ids.later = await customerNamed("Later", "basic");
  await setSpans(ids.later, [{ slug: "basic", from: "2025-04-02T00:00:00Z", to: null }]);
});

const byId = (rows: ReportRow[], id: string) => rows.find((r) => r.customerId === id);

describe("period report", () => {
  it("works out each customer's requests, quota, days at quota, overage and prorated amount", async () => {
    const report = await queryPeriodReport({ range: march, filters: { search: marker }, limit: 100 });
    expect(report.rows.map((r) => r.customerId).sort()).toEqual([ids.moved, ids.deleted, ids.enterprise, ids.near].sort());

    expect(byId(report.rows, ids.moved)).toMatchObject({
      status: "ACTIVE",
      tierName: "Premium",
      quota: 10000,
      quotaPeriod: "DAY",
      requests: 1200 + 1000 + 11000 + 100,
      daysAtQuota: 3,
      overageRequests: 200 + 1000,
      percentUsed: 120,
      priceCents: 3319, // basic 10 days free, premium 21 of 31 days of $49 = 3319.35
      overageCents: 10 + 20, // 200 at 50¢ per 1,000, 1,000 at 20¢ per 1,000
      amountCents: 3349,
      spans: [
        { tierName: "Basic", from: "2025-03-01", to: "2025-03-10", days: 10 },
        { tierName: "Premium", from: "2025-03-11", to: "2025-03-31", days: 21 },
      ].map((s) => expect.objectContaining(s)),
    });
    expect(byId(report.rows, ids.deleted)).toMatchObject({ status: "DELETED", requests: 500, daysAtQuota: 0, overageRequests: 0, priceCents: 2529, amountCents: 2529, percentUsed: 5 });
    expect(byId(report.rows, ids.enterprise)).toMatchObject({ tierName: "Enterprise", requests: 0, quota: null, percentUsed: null, amountCents: 49900 });
    expect(byId(report.rows, ids.near)).toMatchObject({ requests: 850, percentUsed: 85, daysAtQuota: 0, amountCents: 0, spans: [expect.objectContaining({ from: "2025-03-04", days: 28 })] });

    expect(report.totals).toEqual({
      customers: 4,
      requests: 13300 + 500 + 850,
      overageRequests: 1200,
      daysAtQuota: 3,
      priceCents: 3319 + 2529 + 49900,
      overageCents: 30,
      amountCents: 3349 + 2529 + 49900,
      nearQuota: 1,
      overQuota: 1,
    });
  });

  it("gives the drill-down the same figures as the list, with the per-key breakdown including the revoked key", async () => {
    const list = await queryPeriodReport({ range: march, filters: { search: marker }, limit: 100 });
    for (const id of [ids.moved, ids.deleted, ids.enterprise, ids.near]) {
      const one = await queryCustomerPeriod(id, march);
      const row = byId(list.rows, id);
      expect({ requests: one?.requests, days: one?.daysAtQuota, over: one?.overageRequests, amount: one?.amount.totalCents, price: one?.amount.priceCents }).toEqual({
        requests: row?.requests,
        days: row?.daysAtQuota,
        over: row?.overageRequests,
        amount: row?.amountCents,
        price: row?.priceCents,
      });
    }
    const moved = await queryCustomerPeriod(ids.moved, march);
    expect(moved?.keys.map((k) => [k.status, k.requests]).sort()).toEqual([["ACTIVE", 12800], ["REVOKED", 500]].sort());
    expect(moved?.days).toHaveLength(31);
    expect(moved?.amount.lines.map((l) => [l.kind, l.tierName, l.cents])).toEqual([
      ["tier", "Basic", 0],
      ["tier", "Premium", 3319],
      ["overage", "Basic", 10],
      ["overage", "Premium", 20],
    ]);
  });

  it("sorts by any column, filters by tier, status, name and quota, and pages with totals of the whole filtered set", async () => {
    const sorted = async (sort: "amount" | "name" | "requests" | "percent", dir: "asc" | "desc") =>
      (await queryPeriodReport({ range: march, filters: { search: marker }, sort, dir, limit: 100 })).rows.map((r) => r.customerId);
    expect(await sorted("amount", "desc")).toEqual([ids.enterprise, ids.moved, ids.deleted, ids.near]);
    expect(await sorted("name", "asc")).toEqual([ids.deleted, ids.enterprise, ids.moved, ids.near]);
    expect(await sorted("requests", "asc")).toEqual([ids.enterprise, ids.deleted, ids.near, ids.moved]);
    expect(await sorted("percent", "desc")).toEqual([ids.moved, ids.near, ids.deleted, ids.enterprise]); // no quota last

    const filtered = async (filters: Parameters<typeof queryPeriodReport>[0]["filters"]) =>
      (await queryPeriodReport({ range: march, filters: { search: marker, ...filters }, limit: 100 })).rows.map((r) => r.customerId).sort();
    expect(await filtered({ tierId: tier.premium?.id })).toEqual([ids.moved, ids.deleted].sort()); // any tier held in the range
    expect(await filtered({ status: "DELETED" })).toEqual([ids.deleted]);
    expect(await filtered({ quota: "near" })).toEqual([ids.near]);
    expect(await filtered({ quota: "over" })).toEqual([ids.moved]);
    expect(await filtered({ search: `${marker} ent` })).toEqual([ids.enterprise]);
    expect(await filtered({ search: `${marker} 100%` })).toEqual([]); // LIKE wildcards are literal

    const page2 = await queryPeriodReport({ range: march, filters: { search: marker }, sort: "amount", dir: "desc", offset: 2, limit: 2 });
    expect(page2.rows.map((r) => r.customerId)).toEqual([ids.deleted, ids.near]);
    expect(page2.totals.customers).toBe(4);
    expect(page2.totals.amountCents).toBe(3349 + 2529 + 49900);
  });

  it("lists near- and over-quota customers; a range that is over has no forecast", async () => {
    const report = await queryPeriodReport({ range: march, filters: { search: marker }, limit: 1 });
    expect(report.overQuota.find((w) => w.customerId === ids.moved)).toMatchObject({ percentUsed: 120, overageRequests: 1200, forecast: null, projectedRequests: null });
    expect(report.nearQuota.find((w) => w.customerId === ids.near)).toMatchObject({ percentUsed: 85, forecast: null });
  });

  it("validates the range with clear messages and is for billing staff and admins only", async () => {
    const billing = await newStaff("BILLING");
    const bad = await periodReport(billing, { from: "2025-03-10", to: "2025-03-01" });
    expect(bad.ok ? null : bad.error).toMatchObject({ code: "invalid", message: "To must be on or after From." });
    const half = await periodReport(billing, { from: "2025-03-10" });
    expect(half.ok ? null : half.error.fieldErrors?.to).toEqual(["Give both From and To, or choose a month."]);
    const month = await periodReport(billing, { month: "2025-13" });
    expect(month.ok ? null : month.error.message).toBe("Month is not a real month.");
    const long = await periodReport(billing, { from: "2024-01-01", to: "2025-03-01" });
    expect(long.ok ? null : long.error.message).toBe("A range can be at most 366 days.");

    const good = await periodReport(billing, { month: "2025-03", q: marker, sort: "name", dir: "asc", pageSize: "25" });
    expect(good.ok && good.data.rows.map((r) => r.customerId)).toEqual([ids.deleted, ids.enterprise, ids.moved, ids.near]);
    expect(good.ok && good.data.range).toEqual(march);

    const customer = await newCustomer("basic");
    const refused = await periodReport(customer, { month: "2025-03" });
    expect(refused.ok ? "" : refused.error.code).toBe("forbidden");
    const refusedOne = await customerPeriod(customer, ids.moved, { month: "2025-03" });
    expect(refusedOne.ok ? "" : refusedOne.error.code).toBe("forbidden");
    const admin = await newStaff("ADMIN");
    expect((await customerPeriod(admin, ids.moved, { month: "2025-03" })).ok).toBe(true);
    const missing = await customerPeriod(billing, "no-such-customer", { month: "2025-03" });
    expect(missing.ok ? "" : missing.error.code).toBe("not_found");
  });
});

describe("weekly and monthly quotas", () => {
  it("count from the period's start (even before the range), and days at quota run to the period's end", async () => {
    const other = `Periods ${randomUUID().slice(0, 8)}`;
    const weekly = await db.tier.create({
      data: { slug: `weekly-${other.slice(-8)}`, name: "Weekly", usagePlanId: `wk${randomUUID().slice(0, 8)}`, rateLimit: 1, burstLimit: 1, quotaLimit: 700, quotaPeriod: "WEEK", monthlyPriceCents: 1000, overageCentsPer1k: 1000, available: false },
    });
    const monthly = await db.tier.create({
      data: { slug: `monthly-${other.slice(-8)}`, name: "Monthly", usagePlanId: `mo${randomUUID().slice(0, 8)}`, rateLimit: 1, burstLimit: 1, quotaLimit: 10000, quotaPeriod: "MONTH", monthlyPriceCents: 3100, overageCentsPer1k: null, available: false },
    });
    tier.weekly = { id: weekly.id, usagePlanId: weekly.usagePlanId };
    tier.monthly = { id: monthly.id, usagePlanId: monthly.usagePlanId };
    const w = (await newCustomer("basic")).customerId;
    const m = (await newCustomer("basic")).customerId;
    await db.customer.updateMany({ where: { id: { in: [w, m] } }, data: { name: other } });
    await setSpans(w, [{ slug: "weekly", from: "2025-01-01T00:00:00Z", to: null }]);
    await setSpans(m, [{ slug: "monthly", from: "2025-01-01T00:00:00Z", to: null }]);
    const wk = await key(w, "weekly", "ACTIVE");
    const mk = await key(m, "monthly", "ACTIVE");
    await usage([
      { key: wk, slug: "weekly", date: "2025-02-26", used: 600 }, // the week of Monday 24 February, before March
      { key: wk, slug: "weekly", date: "2025-03-01", used: 50 },
      { key: wk, slug: "weekly", date: "2025-03-02", used: 100 }, // 750 of 700 on Sunday: 50 over, 1 day at quota
      { key: wk, slug: "weekly", date: "2025-03-05", used: 800 }, // new week: 100 over, at quota Wednesday to Sunday
      { key: mk, slug: "monthly", date: "2025-02-27", used: 9000 }, // February: not March's count
      { key: mk, slug: "monthly", date: "2025-03-10", used: 6000 },
      { key: mk, slug: "monthly", date: "2025-03-20", used: 5000 }, // 11,000 of 10,000: at quota 20–31 March
    ]);
    const report = await queryPeriodReport({ range: march, filters: { search: other }, limit: 10 });
    expect(byId(report.rows, w)).toMatchObject({ requests: 950, overageRequests: 150, daysAtQuota: 6, priceCents: 1000, overageCents: 150, quotaPeriod: "WEEK" });
    expect(byId(report.rows, m)).toMatchObject({ requests: 11000, overageRequests: 1000, daysAtQuota: 12, percentUsed: 110, priceCents: 3100, overageCents: 0 });
    for (const id of [w, m]) {
      const one = await queryCustomerPeriod(id, march);
      const row = byId(report.rows, id);
      expect([one?.requests, one?.daysAtQuota, one?.overageRequests, one?.amount.totalCents, one?.percentUsed]).toEqual([row?.requests, row?.daysAtQuota, row?.overageRequests, row?.amountCents, row?.percentUsed]);
    }
    // A range starting mid-week counts the week's earlier days: 1–2 March alone still shows Sunday's 50 over.
    const weekend = await queryPeriodReport({ range: { from: "2025-03-02", to: "2025-03-02" }, filters: { search: other }, limit: 10 });
    expect(byId(weekend.rows, w)).toMatchObject({ requests: 100, overageRequests: 50, daysAtQuota: 1 });
  });
});

describe("tier spans", () => {
  it("are written by the database with every tier change and closed by deletion", async () => {
    const c = await newCustomer("basic");
    const spans = () => db.customerTierSpan.findMany({ where: { customerId: c.customerId }, orderBy: [{ from: "asc" }, { id: "asc" }] });
    const created = await db.customer.findUniqueOrThrow({ where: { id: c.customerId } });
    expect(await spans()).toEqual([expect.objectContaining({ tierId: tier.basic?.id, from: created.createdAt, to: null })]);

    await db.customer.update({ where: { id: c.customerId }, data: { tierId: tier.premium?.id } });
    await db.customer.update({ where: { id: c.customerId }, data: { name: "Renamed" } }); // not a tier change
    const moved = await spans();
    expect(moved.map((s) => [s.tierId, s.to === null])).toEqual([[tier.basic?.id, false], [tier.premium?.id, true]]);
    expect(moved[0]?.to).toEqual(moved[1]?.from);

    const deletedAt = new Date();
    await db.customer.update({ where: { id: c.customerId }, data: { status: "DELETED", deletedAt } });
    expect((await spans()).map((s) => s.to)).toEqual([moved[0]?.to, deletedAt]);
  });

  it("are backfilled by the migration from customers and finished tier moves", async () => {
    const c = await newCustomer("basic");
    const createdAt = new Date("2025-05-01T00:00:00Z");
    const movedAt = new Date("2025-05-20T12:00:00Z");
    await db.customer.update({ where: { id: c.customerId }, data: { createdAt, tierId: tier.premium?.id } });
    await db.operation.create({
      data: { kind: "MOVE_TIER", status: "SUCCEEDED", customerId: c.customerId, input: { fromTierId: tier.basic?.id, toTierId: tier.premium?.id }, finishedAt: movedAt },
    });
    await db.operation.create({
      data: { kind: "MOVE_TIER", status: "FAILED", customerId: c.customerId, input: { fromTierId: tier.premium?.id, toTierId: tier.enterprise?.id }, finishedAt: new Date("2025-05-25T00:00:00Z") },
    });
    const sql = readFileSync("prisma/migrations/20261204130000_billing_report/migration.sql", "utf8");
    const backfill = sql.slice(sql.indexOf("WITH moves AS"), sql.indexOf(";", sql.indexOf("WITH moves AS")));
    // Run the migration's backfill on an empty span table inside a transaction that is then rolled back.
    const seen = await db
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`DELETE FROM "CustomerTierSpan"`);
        await tx.$executeRawUnsafe(backfill);
        const rows = await tx.customerTierSpan.findMany({ where: { customerId: c.customerId }, orderBy: { from: "asc" } });
        throw Object.assign(new Error("rollback"), { rows });
      })
      .catch((e: { rows?: unknown }) => e.rows);
    expect(seen).toEqual([
      expect.objectContaining({ tierId: tier.basic?.id, from: createdAt, to: movedAt }),
      expect.objectContaining({ tierId: tier.premium?.id, from: movedAt, to: null }),
    ]);
    expect(await db.customerTierSpan.count({ where: { customerId: c.customerId } })).toBeGreaterThan(0); // rolled back
  });
});
