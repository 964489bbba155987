// Every action name Gatehouse knows, in one place: the policy table (lib/policy/permissions.ts) is keyed by
// PolicyAction, and the audit log (lib/audit/record-audit.ts) accepts only AuditAction. A name that is not listed
// here does not compile in either, so the two cannot drift apart again ("key.revoke" vs "key.revoked").
//
// Adding an action: put its name in POLICY_ACTIONS, give it its roles in permissions.ts (TypeScript insists), build
// its server action with serverAction("<name>") and audit it under the same name. Adding an event that nobody is
// permitted to "do" (a sign-in, something the worker did on its own): put it in AUDIT_ONLY_EVENTS.

/** What a caller may be allowed to do. The worker's completion of a change is audited under the same name, with no actor. */
export const POLICY_ACTIONS = [
  // Anyone, signed in or not (public pages' forms).
  "customer.sign_up",
  "account.password_reset_request",
  "account.password_reset",
  // Any signed-in person, about themselves.
  "auth.reauthenticate",
  // A customer's own account and resources.
  "account.read",
  "account.update",
  "account.password_change",
  "account.delete",
  "account.sign_out_everywhere",
  "key.list",
  "key.create",
  "key.reveal",
  "key.rename",
  "key.set_enabled",
  "key.revoke",
  "key.rotate",
  "usage.read",
  "usage.refresh",
  "docs.read",
  "docs.try",
  "tier.change",
  "tier.request",
  "tier.request.cancel",
  // Staff.
  /** Opening the admin console at all (app/admin/layout.tsx); each page and action checks its own action too. */
  "admin.console",
  "customer.list",
  "tier.request.list",
  "tier.request.decide",
  "billing.read",
  // Billing console: invoice previews and closing periods (app/billing/report/[customerId]/invoice, /billing/periods).
  "billing.invoice.read",
  "billing.period.list",
  "billing.period.close",
  /** CSV downloads of the period report and of daily usage (/billing/export/*.csv). */
  "billing.export",
  // Billing console: usage history snapshots (/billing/usage-history).
  "usage_history.read",
  "usage_history.snapshot",
  "user.end_sessions",
  // Records: the durable operations queue and the audit log (admin console).
  "operation.list",
  "operation.retry",
  "operation.reconcile",
  /** Each shard's fill (keys used of its account's limit), on /admin/operations. */
  "shard.read",
  "audit.read",
  "audit.export",
  // Admin console: customers and staff (app/admin/customers, app/admin/staff).
  "customer.read",
  "customer.suspend",
  "customer.resume",
  "customer.change_tier",
  "customer.delete",
  "customer.extend_quota",
  "staff.list",
  "staff.invite",
  "staff.change_role",
  "staff.remove",
  // Tier administration (/admin/tiers).
  "tier.admin_read",
  "tier.bootstrap",
  "tier.create",
  "tier.update",
  "tier.retire",
  // Admin console: adopting keys that exist in AWS but not in the portal (/admin/keys).
  "key.unowned_list",
  "key.adopt",
  "key.import",
  // Admin console: caches and stage settings (/admin/stage).
  "stage.read",
  "stage.cache.flush",
  "stage.authorizer_cache.flush",
  "stage.settings.update",
  // Admin console: CloudWatch alarms and dashboard of an API stage.
  "alarms.read",
  "alarms.create_recommended",
  "dashboard.create",
  // Admin console: CloudWatch metrics of the API stage and its detailed-metrics switch.
  "metrics.read",
  "stage.detailed_metrics.set",
  // Billing console: quota-threshold crossings (/billing/alerts).
  "quota_alert.list",
] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];

/** Audit entries that are not a permitted action: authentication events and what only the system does. */
export const AUDIT_ONLY_EVENTS = [
  /** An OIDC sign-in attached a provider identity to an existing user. */
  "auth.link_identity",
  /** Staff accounts made or updated from the command line (npm run admin:create). */
  "user.staff_create",
  "user.staff_update",
  /** Reconciliation found a live key record whose AWS key is gone. */
  "key.reconciled_missing",
] as const;
export type AuditOnlyEvent = (typeof AUDIT_ONLY_EVENTS)[number];

export type AuditAction = PolicyAction | AuditOnlyEvent;
