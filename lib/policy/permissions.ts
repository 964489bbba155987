import type { Role } from "@/lib/generated/prisma";
import type { PolicyAction } from "@/lib/policy/action-names";

export type { PolicyAction } from "@/lib/policy/action-names";

/** Marks an action anyone may call, signed in or not. Explicit, so "public" is a decision in this table, not an omission. */
export const PUBLIC = "public";

// Who may do what: the one table every server action (lib/actions), page guard, route handler and query consults
// (through authorize()). Keyed by every PolicyAction, so an action without a row, or a row without an action, does
// not compile.
export const permissions = {
  "customer.sign_up": PUBLIC,
  "account.password_reset_request": PUBLIC,
  "account.password_reset": PUBLIC,
  "auth.reauthenticate": ["CUSTOMER", "ADMIN", "BILLING"],
  // A customer's own account and resources.
  "account.read": ["CUSTOMER"],
  "account.update": ["CUSTOMER"],
  "account.password_change": ["CUSTOMER"],
  "account.delete": ["CUSTOMER"],
  // Anyone signed in may end their own other sessions.
  "account.sign_out_everywhere": ["CUSTOMER", "ADMIN", "BILLING"],
  "key.list": ["CUSTOMER"],
  "key.create": ["CUSTOMER"],
  "key.reveal": ["CUSTOMER"],
  "key.rename": ["CUSTOMER"],
  "key.set_enabled": ["CUSTOMER"],
  "key.revoke": ["CUSTOMER"],
  "key.rotate": ["CUSTOMER"],
  "usage.read": ["CUSTOMER"],
  "usage.refresh": ["CUSTOMER"],
  "docs.read": ["CUSTOMER"],
  "docs.try": ["CUSTOMER"],
  "tier.change": ["CUSTOMER"],
  "tier.request": ["CUSTOMER"],
  "tier.request.cancel": ["CUSTOMER"],
  // Staff.
  "customer.list": ["ADMIN"],
  "tier.request.list": ["ADMIN"],
  "tier.request.decide": ["ADMIN"],
  "billing.read": ["BILLING", "ADMIN"],
  "user.end_sessions": ["ADMIN"],
  // Admin console: CloudWatch metrics of the API stage and its detailed-metrics switch.
  "metrics.read": ["ADMIN"],
  "stage.detailed_metrics.set": ["ADMIN"],
} as const satisfies Record<PolicyAction, readonly Role[] | typeof PUBLIC>;

/** The actions anyone may call. */
export type PublicAction = { [A in PolicyAction]: (typeof permissions)[A] extends typeof PUBLIC ? A : never }[PolicyAction];

export function isPublicAction(action: PolicyAction): action is PublicAction {
  return permissions[action] === PUBLIC;
}

/** Actions on a resource that belongs to one customer: a customer may act only on its own. */
export const ownedActions: ReadonlySet<PolicyAction> = new Set<PolicyAction>([
  "account.read",
  "account.update",
  "account.password_change",
  "account.delete",
  "key.list",
  "key.create",
  "key.reveal",
  "key.rename",
  "key.set_enabled",
  "key.revoke",
  "key.rotate",
  "usage.read",
  "usage.refresh",
  "docs.try",
  "tier.change",
  "tier.request",
  "tier.request.cancel",
]);
