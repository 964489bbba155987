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
  "admin.console": ["ADMIN"],
  // Billing staff read the customer list and detail (read-only: every change below stays ADMIN).
  "customer.list": ["ADMIN", "BILLING"],
  "tier.request.list": ["ADMIN"],
  "tier.request.decide": ["ADMIN"],
  "billing.read": ["BILLING", "ADMIN"],
  // Billing console: invoice previews and closing periods.
  "billing.invoice.read": ["BILLING", "ADMIN"],
  "billing.period.list": ["BILLING", "ADMIN"],
  "billing.period.close": ["BILLING", "ADMIN"],
  "billing.export": ["BILLING", "ADMIN"],
  "usage_history.read": ["BILLING", "ADMIN"],
  "usage_history.snapshot": ["BILLING", "ADMIN"],
  "user.end_sessions": ["ADMIN"],
  // Records: the durable operations queue and the audit log (admin console).
  "operation.list": ["ADMIN"],
  "operation.retry": ["ADMIN"],
  "operation.reconcile": ["ADMIN"],
  "shard.read": ["ADMIN"],
  "audit.read": ["ADMIN"],
  "audit.export": ["ADMIN"],
  // Admin console: customers and staff.
  "customer.read": ["ADMIN", "BILLING"],
  "customer.suspend": ["ADMIN"],
  "customer.resume": ["ADMIN"],
  "customer.change_tier": ["ADMIN"],
  "customer.delete": ["ADMIN"],
  "customer.extend_quota": ["ADMIN"],
  "staff.list": ["ADMIN"],
  "staff.invite": ["ADMIN"],
  "staff.change_role": ["ADMIN"],
  "staff.remove": ["ADMIN"],
  // Tier administration (/admin/tiers): usage plans are the account's prices and limits, admins only.
  "tier.admin_read": ["ADMIN"],
  "tier.bootstrap": ["ADMIN"],
  "tier.create": ["ADMIN"],
  "tier.update": ["ADMIN"],
  "tier.retire": ["ADMIN"],
  // Admin console: adopting keys that exist in AWS but not in the portal (/admin/keys).
  "key.unowned_list": ["ADMIN"],
  "key.adopt": ["ADMIN"],
  "key.import": ["ADMIN"],
  // Admin console: caches and stage settings (/admin/stage).
  "stage.read": ["ADMIN"],
  "stage.cache.flush": ["ADMIN"],
  "stage.authorizer_cache.flush": ["ADMIN"],
  "stage.settings.update": ["ADMIN"],
  // Admin console: CloudWatch alarms and dashboard of an API stage.
  "alarms.read": ["ADMIN"],
  "alarms.create_recommended": ["ADMIN"],
  "dashboard.create": ["ADMIN"],
  // Admin console: CloudWatch metrics of the API stage and its detailed-metrics switch.
  "metrics.read": ["ADMIN"],
  "stage.detailed_metrics.set": ["ADMIN"],
  // Billing console: who crossed which quota threshold when (/billing/alerts).
  "quota_alert.list": ["BILLING", "ADMIN"],
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
