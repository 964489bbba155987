import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { closePeriod } from "@/lib/billing/close-period";
import { invoicePreview, listPeriods, periodAdjustments } from "@/lib/billing/periods";
import { db } from "@/lib/db";
import { upsertUsageDays } from "@/lib/usage/store-usage-days";
import { newCustomer, newStaff } from "@/test/fixtures";

// January and February 2024 (before any other test's data): a tier of this test's own (30.00 a month, 1,000 requests
// a day, 1.00 per 1,000 over), two customers with historical tier spans, keys and stored usage. Every figure below is
// worked out by hand from lib/billing/amounts.ts's rules.
const marker = `Invoice ${randomUUID().slice(0, 8)}`;
const now = new Date("2026-12-04T12:00:00Z");
let tierId = "";
let planId = "";
const ids = { full: "", half: "", fullKey: "", halfKey: "" };

async function usage(rows: { key: string; date: string; used: number }[], fetchedAt: Date) {
  await db.$executeRaw(upsertUsageDays(rows.map((r) => ({ apiKeyId: r.key, usagePlanId: planId, date: r.date, used: r.used, remaining: null })), fetchedAt));
}

async function customerOnTier(name: string, from: string): Promise<{ customerId: string; keyId: string }> {
  const c = await newCustomer("basic");
  await db.customer.update({ where: { id: c.customerId }, data: { name: `${marker} ${name}`, company: `${name} Ltd` } });
  await db.customerTierSpan.createMany({ data: [{ customerId: c.customerId, tierId, from: new Date(from), to: new Date("2024-06-01T00:00:00Z") }] });
  const key = await db.apiKey.create({ data: { customerId: c.customerId, name: "main", usagePlanId: planId, status: "ACTIVE" } });
  return { customerId: c.customerId, keyId: key.id };
}

beforeAll(async () => {
  planId = `plan-${randomUUID().slice(0, 8)}`;
  const tier = await db.tier.create({
    data: {
      slug: `invoice-${planId}`,
      name: `${marker} tier`,
      usagePlanId: planId,
      rateLimit: 10,
      burstLimit: 20,
      quotaLimit: 1000,
      quotaPeriod: "DAY",
      monthlyPriceCents: 3000,
      overageCentsPer1k: 100,
    },
  });
  tierId = tier.id;
  const full = await customerOnTier("Full", "2023-12-01T00:00:00Z"); // all of January
  const half = await customerOnTier("Half", "2024-01-16T09:00:00Z"); // from the 16th: 16 of 31 days
  Object.assign(ids, { full: full.customerId, fullKey: full.keyId, half: half.customerId, halfKey: half.keyId });
  await usage(
    [
      { key: ids.fullKey, date: "2024-01-05", used: 1500 }, // 500 over the daily quota
      { key: ids.fullKey, date: "2024-01-10", used: 200 },
      { key: ids.halfKey, date: "2024-01-20", used: 100 },
      { key: ids.fullKey, date: "2024-02-03", used: 10 },
    ],
    new Date("2024-02-01T06:00:00Z"),
  );
});

describe("closing a period", () => {
  it("freezes every customer's figures with the period, audited, and refuses a second close with a clear message", async () => {
    const billing = await newStaff("BILLING");
    const closed = await closePeriod(billing, { month: "2024-01" }, now);
    if (!closed.ok) throw new Error(closed.error.message);
    expect(closed.data).toMatchObject({ month: "2024-01", from: "2024-01-01", to: "2024-01-31" });

    const period = await db.billingPeriod.findUniqueOrThrow({ where: { from: new Date("2024-01-01T00:00:00Z") }, include: { lines: true } });
    expect(period).toMatchObject({ status: "CLOSED", closedById: billing.userId, closedByEmail: billing.email, customers: period.lines.length });
    expect(period.totalCents).toBe(BigInt(period.lines.reduce((s, l) => s + l.amountCents, 0)));
    const full = period.lines.find((l) => l.customerId === ids.full);
    const half = period.lines.find((l) => l.customerId === ids.half);
    // 30.00 for the whole month, 500 over × 1.00 / 1,000 = 0.50.
    expect(full).toMatchObject({ customerName: `${marker} Full`, company: "Full Ltd", requests: 1700n, quota: 1000, overageRequests: 500n, tierCents: 3000, overageCents: 50, amountCents: 3050 });
    expect(full?.overage).toEqual([
      { tierId, tierName: `${marker} tier`, overageRequests: 500, pricePer1000Cents: 100, amountCents: 50, periods: [{ from: "2024-01-05", to: "2024-01-05", quota: 1000, used: 1500, overageRequests: 500 }] },
    ]);
    // 30.00 × 16 / 31 = 15.48.
    expect(half).toMatchObject({ requests: 100n, overageRequests: 0n, tierCents: 1548, amountCents: 1548 });
    expect(half?.tierSpans).toEqual([
      { tierId, tierName: `${marker} tier`, from: "2024-01-16", to: "2024-01-31", days: 16, daysInMonth: 31, monthlyPriceCents: 3000, amountCents: 1548 },
    ]);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "billing.period.close", targetId: period.id } });
    expect(audit).toMatchObject({ actorId: billing.userId, targetType: "billing_period", outcome: "success" });

    const again = await closePeriod(await newStaff("ADMIN"), { month: "2024-01" }, now);
    expect(again.ok ? "" : again.error.code).toBe("conflict");
    expect(again.ok ? "" : again.error.message).toMatch(new RegExp(`^January 2024 is already closed \\(on .* UTC by ${billing.email.replace(/[.+]/g, "\\$&")}\\)`));
    expect(await db.billingPeriod.count({ where: { from: new Date("2024-01-01T00:00:00Z") } })).toBe(1);
  });

  it("keeps the frozen lines when stored usage is corrected later, and shows the difference as an adjustment", async () => {
    const billing = await newStaff("BILLING");
    const period = await db.billingPeriod.findUniqueOrThrow({ where: { from: new Date("2024-01-01T00:00:00Z") } });
    const before = await db.billingPeriodLine.findMany({ where: { periodId: period.id }, orderBy: { customerId: "asc" } });

    // A later snapshot corrects January 10th: 2,200 requests, not 200 (1,200 more over the quota: 1.20 more).
    const correctedAt = new Date("2026-12-03T08:00:00Z");
    await usage([{ key: ids.fullKey, date: "2024-01-10", used: 2200 }], correctedAt);

    expect(await db.billingPeriodLine.findMany({ where: { periodId: period.id }, orderBy: { customerId: "asc" } })).toEqual(before);
    // The database refuses to change a frozen line, whoever asks.
    await expect(db.billingPeriodLine.updateMany({ where: { periodId: period.id }, data: { amountCents: 0 } })).rejects.toThrow(/frozen/);

    const adjustments = await periodAdjustments(period.id, { from: "2024-01-01", to: "2024-01-31" });
    const mine = adjustments.list.filter((a) => a.customerId === ids.full || a.customerId === ids.half);
    expect(mine).toEqual([
      expect.objectContaining({ customerId: ids.full, requestsDelta: 2000, overageRequestsDelta: 1200, amountCentsDelta: 120, correctedAt }),
    ]);

    const invoice = await invoicePreview(billing, ids.full, { month: "2024-01" }, now);
    if (!invoice.ok) throw new Error(invoice.error.message);
    const { invoice: preview } = invoice.data;
    expect(preview.closed).toMatchObject({ closedByEmail: period.closedByEmail });
    expect(preview.lines.map((l) => [l.kind, l.amountCents])).toEqual([
      ["tier", 3000],
      ["overage", 50],
      ["adjustment", 120],
    ]);
    expect(preview.lines.at(-1)).toMatchObject({ kind: "adjustment", requestsDelta: 2000, correctedAt: correctedAt.toISOString() });
    expect(preview).toMatchObject({ requests: 1700, subtotalCents: 3050, adjustmentsCents: 120, totalCents: 3170 });

    // The customer without a correction has no adjustment.
    const half = await invoicePreview(billing, ids.half, { month: "2024-01" }, now);
    expect(half.ok ? half.data.invoice.lines.map((l) => l.kind) : half.error.message).toEqual(["tier"]);
  });

  it("lets exactly one of two concurrent closes win", async () => {
    const [a, b] = await Promise.all([closePeriod(await newStaff("BILLING"), { month: "2024-02" }, now), closePeriod(await newStaff("ADMIN"), { month: "2024-02" }, now)]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const loser = a.ok ? b : a;
    expect(loser.ok ? "" : loser.error.code).toBe("conflict");
    expect(loser.ok ? "" : loser.error.message).toMatch(/^February 2024 is already closed/);
    const periods = await db.billingPeriod.findMany({ where: { from: new Date("2024-02-01T00:00:00Z") }, include: { _count: { select: { lines: true } } } });
    expect(periods).toHaveLength(1);
    expect(periods[0]?._count.lines).toBe(periods[0]?.customers);
    expect(await db.billingPeriodLine.count({ where: { periodId: periods[0]?.id, customerId: ids.full } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "billing.period.close", targetId: periods[0]?.id } })).toBe(1);
  });

  it("cannot close the running month or a future one, and is for billing staff and admins only", async () => {
    const billing = await newStaff("BILLING");
    const running = await closePeriod(billing, { month: "2026-12" }, now);
    expect(running.ok ? "" : running.error).toMatchObject({ code: "invalid", message: "December 2026 is still running: it can be closed once it has ended, from January 1, 2027." });
    const future = await closePeriod(billing, { month: "2027-03" }, now);
    expect(future.ok ? "" : future.error.message).toMatch(/has not started yet/);
    const malformed = await closePeriod(billing, { month: "2024-13" }, now);
    expect(malformed.ok ? "" : malformed.error.code).toBe("invalid");
    expect(await db.billingPeriod.count({ where: { from: { gte: new Date("2026-12-01T00:00:00Z") } } })).toBe(0);

    const customer = await closePeriod(await newCustomer("basic"), { month: "2024-03" }, now);
    expect(customer.ok ? "" : customer.error.code).toBe("forbidden");
    const anonymous = await closePeriod(null, { month: "2024-03" }, now);
    expect(anonymous.ok ? "" : anonymous.error.code).toBe("unauthenticated");
    expect(await db.billingPeriod.count({ where: { from: new Date("2024-03-01T00:00:00Z") } })).toBe(0);
  });

  it("lists the months with their status, and previews an open month's live figures", async () => {
    const billing = await newStaff("BILLING");
    const list = await listPeriods(billing, new Date("2024-03-10T00:00:00Z"));
    if (!list.ok) throw new Error(list.error.message);
    expect(list.data.map((p) => [p.month, p.status])).toEqual([
      ["2024-03", "RUNNING"],
      ["2024-02", "CLOSED"],
      ["2024-01", "CLOSED"],
      ["2023-12", "OPEN"],
      ["2023-11", "OPEN"],
      ["2023-10", "OPEN"],
    ]);
    expect(list.data[0]?.refusal).toMatch(/still running/);
    expect(list.data[2]?.adjustments?.list.some((a) => a.customerId === ids.full)).toBe(true);
    expect(list.data[3]).toMatchObject({ refusal: null, closed: null });

    const open = await invoicePreview(billing, ids.full, { from: "2023-12-01", to: "2023-12-31" }, now);
    if (!open.ok) throw new Error(open.error.message);
    expect(open.data.invoice.closed).toBeNull();
    expect(open.data.invoice.lines.map((l) => [l.kind, l.amountCents])).toEqual([["tier", 3000]]);
    expect((await invoicePreview(await newCustomer("basic"), ids.full, {}, now)).ok).toBe(false);
    const bad = await invoicePreview(billing, ids.full, { from: "2024-02-10", to: "2024-02-01" }, now);
    expect(bad.ok ? "" : bad.error).toMatchObject({ code: "invalid", message: "To must be on or after From." });
    const missing = await invoicePreview(billing, "no-such-customer", {}, now);
    expect(missing.ok ? "" : missing.error.code).toBe("not_found");
  });
});
