import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCustomers } from "@/lib/customers/queries";
import { db } from "@/lib/db";
import { ensureTiers, newStaff } from "@/test/fixtures";

// The admin list over 10,000 customers: filters, search and the last page answer correctly (the time each query
// took is printed for the record, not asserted).
const COUNT = 10_000;
const marker = `Scale${Date.now()}`;

describe("the admin customer list at 10,000 customers", () => {
  beforeAll(async () => {
    const [basic, premium] = await ensureTiers();
    const rows = Array.from({ length: COUNT }, (_, i) => ({
      name: `${marker} ${String(i).padStart(5, "0")}${i % 1000 === 7 ? " 50%_off" : ""}`,
      company: i % 10 === 0 ? `Company ${i}` : null,
      tierId: (i % 4 === 0 ? premium : basic)!.id,
      status: i % 50 === 0 ? ("SUSPENDED" as const) : ("ACTIVE" as const),
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
    }));
    for (let i = 0; i < rows.length; i += 2000) await db.customer.createMany({ data: rows.slice(i, i + 2000) });
  }, 120_000);

  afterAll(async () => {
    await db.customer.deleteMany({ where: { name: { startsWith: marker } } });
  });

  it("pages, filters by tier and status, and searches with wildcards taken literally", async () => {
    const admin = await newStaff("ADMIN");
    const [, premium] = await ensureTiers();
    const timed = async (label: string, args: Parameters<typeof listCustomers>[1]) => {
      const started = performance.now();
      const result = await listCustomers(admin, args);
      console.log(`[10k customers] ${label}: ${(performance.now() - started).toFixed(1)} ms`);
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    };
    const all = await timed("search by marker, page 1", { query: marker, page: 1 });
    expect(all.total).toBe(COUNT);
    expect(all.pageCount).toBe(COUNT / 20);
    expect(all.rows[0]?.name).toBe(`${marker} 09999`);
    const last = await timed("search by marker, last page", { query: marker, page: COUNT / 20 });
    expect(last.rows.at(-1)?.name).toBe(`${marker} 00000`);
    const suspendedPremium = await timed("premium and suspended", { query: marker, page: 1, tierId: premium!.id, status: "suspended" });
    expect(suspendedPremium.total).toBe(COUNT / 100); // every 4th and every 50th: every 100th
    const literal = await timed("a literal 50%_", { query: "50%_off", page: 1 });
    expect(literal.total).toBe(COUNT / 1000);
    const unfiltered = await timed("no search, page 100", { page: 100 });
    expect(unfiltered.rows).toHaveLength(20);
  });
});
