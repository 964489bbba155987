import "server-only";
import { forbidden, redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import type { PolicyAction } from "@/lib/policy/permissions";

/**
 * For pages: the actor if the policy allows the action; otherwise a redirect to sign-in (anonymous) or the 403
 * page. Pages still pass the actor to services, which authorize again.
 */
export async function requirePagePermission(action: PolicyAction, returnTo: string): Promise<Actor> {
  const actor = await getActor();
  const allowed = authorize(actor, action);
  if (!actor || (!allowed.ok && allowed.error.code === "unauthenticated")) {
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  }
  if (!allowed.ok) forbidden();
  return actor;
}
