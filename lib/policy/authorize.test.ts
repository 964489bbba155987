import { describe, expect, it } from "vitest";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { POLICY_ACTIONS } from "@/lib/policy/action-names";
import { ownedActions, permissions, PUBLIC } from "@/lib/policy/permissions";

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
    expect(code(authorize(staff("BILLING"), "customer.list"))).toBe("ok");
    expect(code(authorize(staff("BILLING"), "customer.read"))).toBe("ok");
    expect(code(authorize(customer("A"), "customer.read"))).toBe("forbidden");
    expect(code(authorize(staff("BILLING"), "billing.read"))).toBe("ok");
    expect(code(authorize(staff("ADMIN"), "billing.read"))).toBe("ok");
    expect(code(authorize(staff("ADMIN"), "key.reveal", { customerId: "A" }))).toBe("forbidden");
    expect(code(authorize(staff("ADMIN"), "user.end_sessions"))).toBe("ok");
    expect(code(authorize(staff("BILLING"), "user.end_sessions"))).toBe("forbidden");
    expect(code(authorize(customer("A"), "user.end_sessions"))).toBe("forbidden");
  });

  it("lets billing staff read customers, usage and money, and change no key, tier, customer or staff member", () => {
    // The billing role's whole surface: anything else it is allowed is a mistake in the table. Names by prefix, so
    // billing's own actions (billing.*, usage_history.*, quota_alert.*) need no change here.
    const billingMay = (action: string) =>
      ["customer.list", "customer.read", "auth.reauthenticate", "account.sign_out_everywhere"].includes(action) ||
      ["billing.", "usage_history.", "quota_alert."].some((prefix) => action.startsWith(prefix));
    const allowed = POLICY_ACTIONS.filter((action) => permissions[action] !== PUBLIC && code(authorize(staff("BILLING"), action)) === "ok");
    expect(allowed.filter((action) => !billingMay(action))).toEqual([]);
    expect(allowed).toEqual(expect.arrayContaining(["customer.list", "customer.read", "billing.read"]));
    // Every change to a key, tier, customer, staff member or session is refused, with or without a resource.
    const changes = POLICY_ACTIONS.filter(
      (action) => /^(key|tier|customer|staff|user|stage|operation|alarms|dashboard)\./.test(action) && !["customer.list", "customer.read"].includes(action) && permissions[action] !== PUBLIC,
    );
    expect(changes).toEqual(expect.arrayContaining(["customer.suspend", "customer.delete", "key.reveal", "key.rotate", "tier.change", "tier.update", "user.end_sessions"]));
    for (const action of changes) {
      expect(code(authorize(staff("BILLING"), action)), action).toBe("forbidden");
      expect(code(authorize(staff("BILLING"), action, { customerId: "A" })), action).toBe("forbidden");
    }
  });

  it("lets everyone call the actions the table marks PUBLIC, and only those", () => {
    for (const actor of [null, customer("A"), staff("ADMIN"), staff("BILLING")]) {
      expect(code(authorize(actor, "customer.sign_up"))).toBe("ok");
      expect(code(authorize(actor, "account.password_reset"))).toBe("ok");
    }
    expect(code(authorize(null, "auth.reauthenticate"))).toBe("unauthenticated");
    expect(code(authorize(staff("BILLING"), "auth.reauthenticate"))).toBe("ok");
  });

  it("has a row for every action name, and nothing else", () => {
    expect(Object.keys(permissions).sort()).toEqual([...POLICY_ACTIONS].sort());
    for (const action of ownedActions) expect(permissions[action]).not.toBe(PUBLIC);
  });
});
