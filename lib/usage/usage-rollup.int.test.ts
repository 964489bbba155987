import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma";
import { upsertUsageDays, type UsageDayRow } from "@/lib/usage/store-usage-days";
import { newCustomer } from "@/test/fixtures";

// The daily per-customer rollup (CustomerUsageDay) is kept by triggers on UsageDay: after every kind of write it must
// equal the detail rows summed per customer and day. Days in 2023 and plans of this test's own, so nothing else
// touches them; queries are scoped to this test's customers.
const plans = { a: `plan-${randomUUID().slice(0, 8)}`, b: `plan-${randomUUID().slice(0, 8)}` };
const ids = { first: "", second: "", firstMain: "", firstSpare: "", secondMain: "" };
const at = new Date("2023-05-10T12:00:00Z");

interface DayTotal {
  cid: string;
  day: string;
  used: number;
  rows: number;
}

const customers = () => [ids.first, ids.second];

async function detail(): Promise<DayTotal[]> {
  const rows = await db.$queryRaw<{ cid: string; day: string; used: bigint; rows: number }[]>(Prisma.sql`
    SELECT k."customerId" AS cid, to_char(u."date", 'YYYY-MM-DD') AS day, SUM(u."used")::bigint AS used, count(*)::int AS rows
    FROM "UsageDay" u JOIN "ApiKey" k ON k."id" = u."apiKeyId"
    WHERE k."customerId" = ANY(${customers()}::text[])
    GROUP BY 1, 2 ORDER BY 1, 2`);
  return rows.map((r) => ({ cid: r.cid, day: r.day, used: Number(r.used), rows: r.rows }));
}

async function rollup(): Promise<DayTotal[]> {
  const rows = await db.customerUsageDay.findMany({ where: { customerId: { in: customers() } }, orderBy: [{ customerId: "asc" }, { date: "asc" }] });
  return rows.map((r) => ({ cid: r.customerId, day: r.date.toISOString().slice(0, 10), used: Number(r.used), rows: r.rows }));
}

async function store(rows: UsageDayRow[]) {
  await db.$executeRaw(upsertUsageDays(rows, at));
}

const row = (apiKeyId: string, usagePlanId: string, date: string, used: number): UsageDayRow => ({ apiKeyId, usagePlanId, date, used, remaining: null });

beforeAll(async () => {
  const [first, second] = await Promise.all([newCustomer("basic"), newCustomer("basic")]);
  const key = (customerId: string, name: string, usagePlanId: string) =>
    db.apiKey.create({ data: { customerId, name, usagePlanId, status: "ACTIVE" }, select: { id: true } });
  const [firstMain, firstSpare, secondMain] = await Promise.all([
    key(first.customerId, "main", plans.a),
    key(first.customerId, "spare", plans.a),
    key(second.customerId, "main", plans.a),
  ]);
  Object.assign(ids, { first: first.customerId, second: second.customerId, firstMain: firstMain.id, firstSpare: firstSpare.id, secondMain: secondMain.id });
});

describe("the daily per-customer usage rollup", () => {
  it("equals the detail rows after upserts, corrections, key removals and a key moved to another customer", async () => {
    // Upserts: two keys of one customer, one of them in two plans on a day, and a day that adds up to 0.
    await store([
      row(ids.firstMain, plans.a, "2023-05-01", 100),
      row(ids.firstMain, plans.b, "2023-05-01", 40),
      row(ids.firstSpare, plans.a, "2023-05-01", 7),
      row(ids.firstMain, plans.a, "2023-05-02", 0),
      row(ids.secondMain, plans.a, "2023-05-01", 5),
    ]);
    expect(await rollup()).toEqual(await detail());
    const days = async (cid: string) => (await rollup()).filter((r) => r.cid === cid).map((r) => [r.day, r.used, r.rows]);
    expect(await days(ids.first)).toEqual([
      ["2023-05-01", 147, 3],
      ["2023-05-02", 0, 1],
    ]);
    expect(await days(ids.second)).toEqual([["2023-05-01", 5, 1]]);

    // Corrections: a later read of the same days (one changed, one the same, one new), in one statement.
    await store([row(ids.firstMain, plans.a, "2023-05-01", 130), row(ids.firstSpare, plans.a, "2023-05-01", 7), row(ids.firstSpare, plans.a, "2023-05-03", 9)]);
    expect(await rollup()).toEqual(await detail());
    expect(await days(ids.first)).toEqual([
      ["2023-05-01", 177, 3],
      ["2023-05-02", 0, 1],
      ["2023-05-03", 9, 1],
    ]);

    // Key removal: the spare key's rows and the key itself go; its only day disappears from the rollup.
    await db.usageDay.deleteMany({ where: { apiKeyId: ids.firstSpare } });
    await db.apiKey.delete({ where: { id: ids.firstSpare } });
    expect(await rollup()).toEqual(await detail());
    expect(await days(ids.first)).toEqual([
      ["2023-05-01", 170, 2],
      ["2023-05-02", 0, 1],
    ]);

    // A plain UPDATE (not through upsertUsageDays) and a key handed to the other customer.
    await db.usageDay.updateMany({ where: { apiKeyId: ids.firstMain, usagePlanId: plans.b }, data: { used: 60 } });
    await db.apiKey.update({ where: { id: ids.firstMain }, data: { customerId: ids.second } });
    expect(await rollup()).toEqual(await detail());
    expect(await days(ids.first)).toEqual([]);
    expect(await days(ids.second)).toEqual([
      ["2023-05-01", 195, 3],
      ["2023-05-02", 0, 1],
    ]);
  });
});
