import "server-only";
import type { JWT } from "next-auth/jwt";
import { cache } from "react";
import { cookies } from "next/headers";
import { readReauthCookie, REAUTH_COOKIE } from "@/lib/auth/recent-auth";
import { readSessionToken } from "@/lib/auth/session-token";
import { isLive, sessionStateSelect, touchSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/policy/actor";

/**
 * The signed-in actor, re-read from the database on each request (so a role change or deletion applies at once).
 * Memoised per request: the layout, the page and its queries share one session decode and one lookup.
 * The cookie counts only while its server-side session lives (lib/auth/sessions): sign-out, "sign out everywhere",
 * an admin, a password change, the idle timeout or the absolute maximum end it.
 */
export const getActor = cache(readActor);

async function readActor(): Promise<Actor | null> {
  const token = await readSessionToken();
  if (!token) return null;
  return actorForToken(token, (await cookies()).get(REAUTH_COOKIE)?.value);
}

/** The actor for a decoded session token: one indexed lookup of its session together with the user. */
export async function actorForToken(token: JWT, reauthCookie: string | undefined, now = new Date()): Promise<Actor | null> {
  if (!token.sub || typeof token.sid !== "string") return null;
  const session = await db.session.findUnique({
    where: { id: token.sid },
    select: {
      ...sessionStateSelect,
      user: { select: { id: true, email: true, name: true, role: true, customerId: true, passwordHash: true, customer: { select: { status: true } } } },
    },
  });
  if (!session || session.user.id !== token.sub || !isLive(session, now)) return null;
  const { user } = session;
  if (user.customer?.status === "DELETED") return null;
  await touchSession(session, now);
  const signedInAt = typeof token.signedInAt === "number" ? new Date(token.signedInAt) : null;
  const reauthAt = readReauthCookie(user.id, reauthCookie);
  const authenticatedAt = [signedInAt, reauthAt].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    customerId: user.customerId,
    authenticatedAt,
    sessionId: session.id,
    hasPassword: user.passwordHash !== null,
  };
}
