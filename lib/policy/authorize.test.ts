import { describe, expect, it } from "vitest";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";

const customer = (customerId: string | null): Actor => ({ userId: "u1", email: "c@x.io", name: "C", role: "CUSTOMER", customerId });
const staff = (role: "ADMIN" | "BILLING"): Actor => ({ userId: "u2", email: "s@x.io", name: "S", role, customerId: null });
const code = (r: ReturnType<typeof authorize>) => (r.ok ? "ok" : r.error.code);

describe("authorize", () => {
  it("asks anonymous callers to sign in", () => {
    expect(code(authorize(null, "key.create"))).toBe("unauthenticated");
    expect(code(authorize(null, "customer.list"))).toBe("unauthenticated");
  });

  it("lets customers act on their own resources only, and hides others' as not found", () => {
    expect(code(authorize(customer("A"), "key.reveal", { customerId: "A" }))).toBe("ok");
    expect(code(authorize(customer("A"), "key.reveal", { customerId: "B" }))).toBe("not_found");
    expect(code(authorize(customer(null), "key.create"))).toBe("forbidden");
  });

  it("follows the role table", () => {
    expect(code(authorize(customer("A"), "customer.list"))).toBe("forbidden");
    expect(code(authorize(staff("ADMIN"), "customer.list"))).toBe("ok");
    expect(code(authorize(staff("BILLING"), "customer.list"))).toBe("forbidden");
    expect(code(authorize(staff("BILLING"), "billing.read"))).toBe("ok");
    expect(code(authorize(staff("ADMIN"), "billing.read"))).toBe("ok");
    expect(code(authorize(staff("ADMIN"), "key.reveal", { customerId: "A" }))).toBe("forbidden");
    expect(code(authorize(staff("ADMIN"), "user.end_sessions"))).toBe("ok");
    expect(code(authorize(staff("BILLING"), "user.end_sessions"))).toBe("forbidden");
    expect(code(authorize(customer("A"), "user.end_sessions"))).toBe("forbidden");
  });
});
