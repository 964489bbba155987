import type { Role } from "@/lib/generated/prisma";

// Who may do what: the one table every server action, route handler and query consults (through authorize()).
export const permissions = {
  // A customer's own account and resources.
  "account.read": ["CUSTOMER"],
  "account.update": ["CUSTOMER"],
  "account.delete": ["CUSTOMER"],
  "key.list": ["CUSTOMER"],
  "key.create": ["CUSTOMER"],
  "key.reveal": ["CUSTOMER"],
  "key.rename": ["CUSTOMER"],
  "key.set_enabled": ["CUSTOMER"],
  "key.revoke": ["CUSTOMER"],
  "key.rotate": ["CUSTOMER"],
  "usage.read": ["CUSTOMER"],
  "docs.read": ["CUSTOMER"],
  "docs.try": ["CUSTOMER"],
  "tier.change": ["CUSTOMER"],
  "tier.request": ["CUSTOMER"],
  // Staff.
  "customer.list": ["ADMIN"],
  "customer.read": ["ADMIN", "BILLING"],
  "tier.sync": ["ADMIN"],
  "tier.request.list": ["ADMIN"],
  "tier.request.decide": ["ADMIN"],
  "operation.reconcile": ["ADMIN"],
  "billing.read": ["BILLING", "ADMIN"],
  "admin.access": ["ADMIN"],
  "audit.read": ["ADMIN"],
  "user.end_sessions": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type PolicyAction = keyof typeof permissions;

/** Actions on a resource that belongs to one customer: a customer may act only on its own. */
export const ownedActions: ReadonlySet<PolicyAction> = new Set<PolicyAction>([
  "account.read",
  "account.update",
  "account.delete",
  "key.list",
  "key.create",
  "key.reveal",
  "key.rename",
  "key.set_enabled",
  "key.revoke",
  "key.rotate",
  "usage.read",
  "docs.try",
  "tier.change",
  "tier.request",
]);
