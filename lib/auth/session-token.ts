import "server-only";
import { decode, encode, type JWT } from "next-auth/jwt";
import { cookies } from "next/headers";
import { sessionCookieMaxAgeSeconds } from "@/lib/auth/sessions";
import { env } from "@/lib/env";

// The next-auth session cookie, read and renewed directly. Pages and actions only need the token's claims, so this
// skips getServerSession's callbacks and re-encryption on every request (a page cannot set cookies anyway).
// The cookie name and chunking (`name.0`, `name.1`, … for large tokens) follow next-auth v4.
// Whether a decoded token still counts is the server-side session's business (lib/auth/sessions, lib/auth/session).

function secureCookies(): boolean {
  return env().NEXTAUTH_URL?.startsWith("https://") ?? false;
}

export function sessionCookieName(): string {
  return secureCookies() ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The decoded claims of the request's session cookie, or null when there is none or it is invalid or expired. */
export async function readSessionToken(): Promise<JWT | null> {
  const jar = await cookies();
  const name = sessionCookieName();
  const whole = jar.get(name)?.value;
  const chunks = jar
    .getAll()
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)))
    .map((c) => c.value)
    .join("");
  const token = whole ?? (chunks || undefined);
  if (!token) return null;
  try {
    return await decode({ token, secret: env().NEXTAUTH_SECRET });
  } catch {
    return null;
  }
}

/**
 * Re-issues the session cookie with some claims changed (only from a server action or route handler, which may
 * set cookies). Used after a password change, so the session that made the change stays signed in.
 */
export async function renewSessionToken(claims: Partial<JWT>): Promise<boolean> {
  const current = await readSessionToken();
  if (!current) return false;
  const { iat: _iat, exp: _exp, jti: _jti, ...kept } = current;
  const maxAge = sessionCookieMaxAgeSeconds();
  const token = await encode({ token: { ...kept, ...claims }, secret: env().NEXTAUTH_SECRET, maxAge });
  const jar = await cookies();
  const name = sessionCookieName();
  for (const c of jar.getAll()) if (c.name.startsWith(`${name}.`)) jar.delete(c.name);
  jar.set(name, token, { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies(), maxAge });
  return true;
}

/** Removes the session cookie (whole and chunked) from the response of an action or route handler. */
export async function clearSessionCookie(): Promise<void> {
  const jar = await cookies();
  const name = sessionCookieName();
  for (const c of jar.getAll()) if (c.name === name || c.name.startsWith(`${name}.`)) jar.delete(c.name);
}
