import "server-only";
import { can } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";

/**
 * What the viewer of a customer's list row or detail page may do and see beyond reading it, from the policy table.
 * The customer pages of both consoles render from this, so billing staff (customer.list/read only) get them
 * read-only; the server actions and queries authorize again regardless.
 */
export interface CustomerViewRights {
  /** Suspend, resume, move to another tier, extend the quota, delete: all of them, or the console shows none. */
  manage: boolean;
  /** End a user's sessions. */
  endSessions: boolean;
  /** The customer's durable operations (queue records). */
  operations: boolean;
  /** The customer's tier requests. */
  tierRequests: boolean;
  /** The customer's audit trail. */
  audit: boolean;
  /** The billing console's period report and invoice for the customer. */
  billing: boolean;
}

export function customerViewRights(actor: Actor | null): CustomerViewRights {
  return {
    manage: (["customer.suspend", "customer.resume", "customer.change_tier", "customer.extend_quota", "customer.delete"] as const).every((a) => can(actor, a)),
    endSessions: can(actor, "user.end_sessions"),
    operations: can(actor, "operation.list"),
    tierRequests: can(actor, "tier.request.list"),
    audit: can(actor, "audit.read"),
    billing: can(actor, "billing.read"),
  };
}
