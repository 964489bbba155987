import { describe, expect, it } from "vitest";
import { billingTwin } from "@/lib/auth/console-paths";

describe("billingTwin", () => {
  it("maps the admin customer pages to the billing console's, keeping the query", () => {
    expect(billingTwin("/admin/customers")).toEqual({ path: "/billing/customers", action: "customer.list" });
    expect(billingTwin("/admin/customers?q=ann&page=2")).toEqual({ path: "/billing/customers?q=ann&page=2", action: "customer.list" });
    expect(billingTwin("/admin/customers/cabc123")).toEqual({ path: "/billing/customers/cabc123", action: "customer.read" });
    expect(billingTwin("/admin/customers/cabc123?tab=x")).toEqual({ path: "/billing/customers/cabc123?tab=x", action: "customer.read" });
  });

  it("has no twin for the rest of the admin console", () => {
    for (const path of ["/admin", "/admin/tiers", "/admin/staff", "/admin/customers/c1/keys", "/admin/customersx", "/billing/customers"]) {
      expect(billingTwin(path), path).toBeUndefined();
    }
  });
});
