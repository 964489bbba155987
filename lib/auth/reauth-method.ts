import "server-only";
import { oidcProviders, type OidcProvider } from "@/lib/auth/oidc-providers";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/policy/actor";

/**
 * How the signed-in user proves who they are again before a sensitive action: the password, or, for a user who has
 * none, a fresh sign-in through a linked provider (its sign-in time counts as recent, lib/auth/recent-auth).
 */
export type ReauthMethod = { kind: "password" } | { kind: "provider"; providers: OidcProvider[] };

export async function reauthMethod(actor: Actor): Promise<ReauthMethod> {
  // The session lookup already read whether there is a password: most people have one, and need no query here.
  if (actor.hasPassword === true) return { kind: "password" };
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true, accounts: { select: { provider: true } } } });
  if (!user || user.passwordHash) return { kind: "password" };
  const linked = new Set(user.accounts.map((a) => a.provider));
  return { kind: "provider", providers: oidcProviders().filter((p) => linked.has(p.id)) };
}
