import type { PolicyAction } from "@/lib/policy/action-names";

// Pages that exist in both staff consoles: the admin console's customer pages have a read-only twin in the billing
// console. Someone who may not open the admin console but may read its twin is sent there instead of a 403.

const TWINS: { admin: RegExp; billing: (match: RegExpExecArray) => string; action: PolicyAction }[] = [
  { admin: /^\/admin\/customers\/?(\?.*)?$/, billing: (m) => `/billing/customers${m[1] ?? ""}`, action: "customer.list" },
  { admin: /^\/admin\/customers\/([^/?]+)\/?(\?.*)?$/, billing: (m) => `/billing/customers/${m[1] ?? ""}${m[2] ?? ""}`, action: "customer.read" },
];

/** The billing console's page for an admin-console path (with its query), and the policy action it needs; or undefined. */
export function billingTwin(adminPath: string): { path: string; action: PolicyAction } | undefined {
  for (const twin of TWINS) {
    const match = twin.admin.exec(adminPath);
    if (match) return { path: twin.billing(match), action: twin.action };
  }
  return undefined;
}
