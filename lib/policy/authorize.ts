import "server-only";
import { fail, ok, type Result } from "@/lib/result";
import { isPublicAction, ownedActions, permissions, type PolicyAction } from "@/lib/policy/permissions";
import type { Actor } from "@/lib/policy/actor";

/**
 * The single authorization check. `resource` names the customer a resource belongs to; for owned actions a
 * customer must be that customer. Public actions are allowed to everyone. Returns a Result so callers can pass the
 * refusal straight to the UI.
 */
export function authorize(actor: Actor | null, action: PolicyAction, resource?: { customerId: string }): Result<void> {
  if (isPublicAction(action)) return ok(undefined);
  if (!actor) return fail("unauthenticated", "Please sign in to continue.");
  const allowed: readonly string[] = permissions[action];
  if (!allowed.includes(actor.role)) return fail("forbidden", "You do not have permission to do that.");
  if (ownedActions.has(action) && actor.role === "CUSTOMER") {
    if (!actor.customerId) return fail("forbidden", "Your account is not linked to a customer.");
    if (resource && resource.customerId !== actor.customerId) return fail("not_found", "That item does not exist.");
  }
  return ok(undefined);
}

/** True when the actor may perform the action (for showing or hiding UI; never a substitute for authorize()). */
export function can(actor: Actor | null, action: PolicyAction): boolean {
  return authorize(actor, action).ok;
}
