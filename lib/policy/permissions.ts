import type { Role } from "@/lib/generated/prisma";

// Who may do what: the one table every server action, route handler and query consults (through authorize()).
export const permissions = {
  "account.read": ["CUSTOMER"],
  "key.list": ["CUSTOMER"],
  "key.create": ["CUSTOMER"],
  "key.reveal": ["CUSTOMER"],
  "customer.list": ["ADMIN"],
  "customer.read": ["ADMIN", "BILLING"],
  "tier.sync": ["ADMIN"],
  "billing.read": ["BILLING", "ADMIN"],
  "admin.access": ["ADMIN"],
  "audit.read": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type PolicyAction = keyof typeof permissions;

/** Actions on a resource that belongs to one customer: a customer may act only on its own. */
export const ownedActions: ReadonlySet<PolicyAction> = new Set(["account.read", "key.list", "key.create", "key.reveal"]);
