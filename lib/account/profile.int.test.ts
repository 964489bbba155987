import { describe, expect, it } from "vitest";
import { getProfile } from "@/lib/account/queries";
import { updateProfile } from "@/lib/account/update-profile";
import { db } from "@/lib/db";
import { newCustomer, newStaff } from "@/test/fixtures";

describe("profile", () => {
  it("reads and updates the signed-in customer's own name and company, with an audit entry", async () => {
    const customer = await newCustomer();
    const other = await newCustomer();
    const before = await getProfile(customer);
    expect(before).toMatchObject({ ok: true, data: { name: "Test Customer", email: customer.email, company: null, hasPassword: true, tierName: expect.any(String) } });

    const updated = await updateProfile(customer, { name: "  Ada Lovelace ", company: "Analytical Engines", customerId: other.customerId });
    expect(updated).toEqual({ ok: true, data: { name: "Ada Lovelace", company: "Analytical Engines" } });
    expect(await getProfile(customer)).toMatchObject({ ok: true, data: { name: "Ada Lovelace", company: "Analytical Engines" } });
    const row = await db.customer.findUniqueOrThrow({ where: { id: customer.customerId }, include: { users: true } });
    expect(row.name).toBe("Ada Lovelace");
    expect(row.users[0]?.name).toBe("Ada Lovelace");

    // The customer id in the input is ignored: the other customer is untouched.
    expect((await db.customer.findUniqueOrThrow({ where: { id: other.customerId } })).company).toBeNull();

    const audit = await db.auditLog.findMany({ where: { customerId: customer.customerId, action: "account.update" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.meta).toEqual({ fields: ["name", "company"] });
    expect(JSON.stringify(audit)).not.toContain("Analytical");

    // Clearing the company works; saving the same values again writes no new audit entry.
    expect(await updateProfile(customer, { name: "Ada Lovelace", company: "" })).toEqual({ ok: true, data: { name: "Ada Lovelace", company: null } });
    expect(await updateProfile(customer, { name: "Ada Lovelace", company: "" })).toMatchObject({ ok: true });
    expect(await db.auditLog.count({ where: { customerId: customer.customerId, action: "account.update" } })).toBe(2);
  });

  it("refuses bad input with a message by the field and changes nothing", async () => {
    const customer = await newCustomer();
    for (const [input, field] of [
      [{ name: "" }, "name"],
      [{ name: "x".repeat(10_240) }, "name"],
      [{ name: "Ada\u0007" }, "name"],
      [{ name: "<script>alert(1)</script>" }, "name"],
      [{ name: "Ada", company: "<img src=x onerror=alert(1)>" }, "company"],
    ] as const) {
      const result = await updateProfile(customer, input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe("invalid");
        expect(result.error.fieldErrors?.[field]?.[0]).toMatch(/name|company/);
      }
    }
    const row = await db.customer.findUniqueOrThrow({ where: { id: customer.customerId } });
    expect(row).toMatchObject({ name: "Test Customer", company: null });
    expect(await db.auditLog.count({ where: { customerId: customer.customerId, action: "account.update" } })).toBe(0);
  });

  it("is for customers only", async () => {
    expect(await getProfile(null)).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    const admin = await newStaff("ADMIN");
    expect(await updateProfile(admin, { name: "Admin" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });
});
