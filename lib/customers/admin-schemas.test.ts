import { describe, expect, it } from "vitest";
import { customerListParamsSchema, extendQuotaSchema, staffChangeRefusal } from "@/lib/customers/admin-schemas";

describe("staffChangeRefusal", () => {
  const base = { actorId: "a", targetId: "b", targetRole: "ADMIN", adminCount: 2 };
  it("allows changing or removing another admin while another admin remains", () => {
    expect(staffChangeRefusal({ ...base, newRole: "BILLING" })).toBeNull();
    expect(staffChangeRefusal({ ...base, newRole: null })).toBeNull();
  });
  it("never lets anyone change or remove themselves", () => {
    expect(staffChangeRefusal({ ...base, targetId: "a", newRole: "BILLING" })).toMatch(/your own role/);
    expect(staffChangeRefusal({ ...base, targetId: "a", newRole: null })).toMatch(/remove yourself/);
  });
  it("keeps the last admin an admin, but lets billing staff go", () => {
    expect(staffChangeRefusal({ ...base, adminCount: 1, newRole: "BILLING" })).toMatch(/last admin/);
    expect(staffChangeRefusal({ ...base, adminCount: 1, newRole: null })).toMatch(/last admin/);
    expect(staffChangeRefusal({ ...base, adminCount: 1, newRole: "ADMIN" })).toBeNull();
    expect(staffChangeRefusal({ ...base, adminCount: 1, targetRole: "BILLING", newRole: null })).toBeNull();
  });
  it("refuses users who are not staff", () => {
    expect(staffChangeRefusal({ ...base, targetRole: "CUSTOMER", newRole: "ADMIN" })).toMatch(/not a staff member/);
  });
});

describe("the admin list's URL", () => {
  it("keeps valid filters and drops odd ones instead of failing the page", () => {
    expect(customerListParamsSchema.parse({ q: "acme", tier: "abc123", status: "suspended", page: "3" })).toEqual({ q: "acme", tier: "abc123", status: "suspended", page: 3 });
    expect(customerListParamsSchema.parse({ tier: "x'; drop", status: "gone", page: "-1" })).toEqual({});
  });
});

describe("the quota extension", () => {
  it("takes a positive whole number of requests within the limit", () => {
    expect(extendQuotaSchema.parse({ extra: "250", reason: "" })).toEqual({ extra: 250, reason: null });
    for (const extra of ["0", "-1", "2.5", "abc", "", "99999999"]) expect(extendQuotaSchema.safeParse({ extra }).success).toBe(false);
  });
});
