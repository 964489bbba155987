import "server-only";
import { forbidden, redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import type { PolicyAction } from "@/lib/policy/permissions";

/**
 * For pages: the actor if the policy allows the action; otherwise a redirect to sign-in (anonymous) or the 403
 * page. Pages still pass the actor to services, which authorize again.
 *
 * `otherwise`: a page the refused actor is sent to instead of the 403 when the policy allows them its action (the
 * billing console's read-only twin of an admin page, lib/auth/console-paths.ts).
 */
export async function requirePagePermission(action: PolicyAction, returnTo: string, otherwise?: { path: string; action: PolicyAction }): Promise<Actor> {
  const actor = await getActor();
  const allowed = authorize(actor, action);
  if (!actor || (!allowed.ok && allowed.error.code === "unauthenticated")) {
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  }
  if (!allowed.ok) {
    if (otherwise && authorize(actor, otherwise.action).ok) redirect(otherwise.path);
    forbidden();
  }
  return actor;
}
