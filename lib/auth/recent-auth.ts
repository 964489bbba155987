import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// Sensitive actions (revealing a key) need a sign-in or a password re-entry within the last 10 minutes
// (GATEHOUSE_RECENT_AUTH_SECONDS). A re-entry is remembered in a signed, http-only cookie bound to the user.
export const recentAuthMs = () => env().GATEHOUSE_RECENT_AUTH_SECONDS * 1000;
export const REAUTH_COOKIE = "gatehouse-reauth";

function sign(userId: string, at: number): string {
  return createHmac("sha256", env().NEXTAUTH_SECRET).update(`reauth:${userId}:${at}`).digest("base64url");
}

export function reauthCookieValue(userId: string, at: number): string {
  return `${at}.${sign(userId, at)}`;
}

/** The time in a valid re-auth cookie for this user, or null. */
export function readReauthCookie(userId: string, value: string | undefined): Date | null {
  if (!value) return null;
  const [atText, mac] = value.split(".");
  const at = Number(atText);
  if (!Number.isSafeInteger(at) || !mac) return null;
  const expected = Buffer.from(sign(userId, at));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return new Date(at);
}

export function isRecent(at: Date | null | undefined, now = Date.now()): boolean {
  return !!at && now - at.getTime() < recentAuthMs() && at.getTime() <= now + 60_000;
}
