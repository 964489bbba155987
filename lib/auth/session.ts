import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { readReauthCookie, REAUTH_COOKIE } from "@/lib/auth/recent-auth";
import { readSessionToken } from "@/lib/auth/session-token";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/policy/actor";

/**
 * The signed-in actor, re-read from the database on each request (so a role change or deletion applies at once).
 * Memoised per request: the layout, the page and its queries share one session decode and one user lookup.
 * A session that began before the user's last password change has ended (sign out everywhere on a change).
 */
export const getActor = cache(readActor);

async function readActor(): Promise<Actor | null> {
  const token = await readSessionToken();
  const userId = token?.sub;
  if (!userId) return null;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, customerId: true, passwordChangedAt: true, customer: { select: { status: true } } },
  });
  if (!user || user.customer?.status === "DELETED") return null;
  const signedInAt = typeof token.signedInAt === "number" ? new Date(token.signedInAt) : null;
  if (user.passwordChangedAt && (!signedInAt || signedInAt < user.passwordChangedAt)) return null;
  const reauthAt = readReauthCookie(user.id, (await cookies()).get(REAUTH_COOKIE)?.value);
  const authenticatedAt = [signedInAt, reauthAt].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  return { userId: user.id, email: user.email, name: user.name, role: user.role, customerId: user.customerId, authenticatedAt };
}
