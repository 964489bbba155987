import { beforeAll, describe, expect, it } from "vitest";
import { listCustomers } from "@/lib/customers/queries";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/create-key";
import { newCustomer, newStaff } from "@/test/fixtures";

describe("the admin customer list", () => {
  let marker = "";
  beforeAll(async () => {
    marker = `Zebra${Date.now()}`;
    for (let i = 0; i < 23; i++) {
      const c = await newCustomer(i % 2 ? "premium" : "basic");
      await db.customer.update({ where: { id: c.customerId }, data: { name: `${marker} ${String(i).padStart(2, "0")}`, company: i === 5 ? "Special Co" : null } });
      if (i === 0) await createKey(c, { name: "k1" });
    }
  });

  it("is for staff only: admins and billing (read-only)", async () => {
    expect((await listCustomers(null, { page: 1 })).ok).toBe(false);
    const asCustomer = await listCustomers(await newCustomer(), { page: 1 });
    expect(asCustomer.ok ? "" : asCustomer.error.code).toBe("forbidden");
    const asBilling = await listCustomers(await newStaff("BILLING"), { query: marker, page: 1 });
    expect(asBilling.ok && asBilling.data.total).toBe(23);
  });

  it("searches case-insensitively, pages 20 at a time, newest first, with tier and key counts", async () => {
    const admin = await newStaff("ADMIN");
    const first = await listCustomers(admin, { query: marker.toLowerCase(), page: 1 });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.data.total).toBe(23);
    expect(first.data.pageCount).toBe(2);
    expect(first.data.rows).toHaveLength(20);
    expect(first.data.rows[0]?.name).toBe(`${marker} 22`);
    const second = await listCustomers(admin, { query: marker, page: 2 });
    if (!second.ok) throw new Error(second.error.message);
    expect(second.data.rows.map((r) => r.name)).toEqual([`${marker} 02`, `${marker} 01`, `${marker} 00`]);
    expect(second.data.rows[2]?.activeKeys).toBe(1);
    expect(second.data.rows[2]?.tierName).toBe("Basic");
    expect(second.data.rows[1]?.tierName).toBe("Premium");

    const byCompany = await listCustomers(admin, { query: "special co", page: 1 });
    expect(byCompany.ok && byCompany.data.rows.map((r) => r.name)).toContain(`${marker} 05`);
    const beyond = await listCustomers(admin, { query: marker, page: 99 });
    expect(beyond.ok && beyond.data.page).toBe(2);
  });

  it("treats % and _ as plain characters, and a NUL byte or control character as nothing (no 500)", async () => {
    const admin = await newStaff("ADMIN");
    const names = async (query: string) => {
      const result = await listCustomers(admin, { query, page: 1 });
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    };
    expect((await names(`${marker}_`)).total).toBe(0);
    expect((await names(`${marker}%`)).total).toBe(0);
    const percent = await newCustomer();
    await db.customer.update({ where: { id: percent.customerId }, data: { name: `${marker} 100%_sure` } });
    expect((await names("0%_s")).rows.map((r) => r.name)).toEqual([`${marker} 100%_sure`]);
    expect((await names(`${marker}\u0000 02`)).rows.map((r) => r.name)).toEqual([`${marker} 02`]);
    expect((await names("\u0000")).total).toBeGreaterThan(23); // an empty search: everyone
  });
});
