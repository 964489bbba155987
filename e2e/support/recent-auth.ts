import { randomBytes } from "node:crypto";
import type { BrowserContext } from "@playwright/test";
import { decode, encode } from "next-auth/jwt";

// Revealing a key needs a sign-in (or password re-entry) within the recent-sign-in window. To see the prompt a test
// need not wait the window out: it makes its browser's session cookie say the sign-in happened before the window,
// as a cookie kept from an earlier sign-in would. The cookie is encrypted with the e2e server's NEXTAUTH_SECRET,
// which playwright.config.ts hands the server from here: chosen once per run (the test workers inherit it through
// the environment, so they encrypt with the same one). The server-side session stays what it is.

export const E2E_NEXTAUTH_SECRET = (process.env.E2E_NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url"));
/** The e2e server's GATEHOUSE_RECENT_AUTH_SECONDS. */
export const E2E_RECENT_AUTH_SECONDS = 45;

const SESSION_COOKIE = "next-auth.session-token"; // http://localhost: no __Secure- prefix, one chunk

/** Rewrites the context's session cookie so its sign-in lies just outside the recent-sign-in window. */
export async function signInLongAgo(context: BrowserContext): Promise<void> {
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error(`no ${SESSION_COOKIE} cookie: sign in first`);
  const token = await decode({ token: cookie.value, secret: E2E_NEXTAUTH_SECRET });
  if (!token || typeof token.signedInAt !== "number") throw new Error("the session cookie did not decode with the e2e server's secret");
  const { iat: _iat, exp, jti: _jti, ...claims } = token;
  const maxAge = typeof exp === "number" ? exp - Math.floor(Date.now() / 1000) : 3600;
  const signedInAt = Date.now() - (E2E_RECENT_AUTH_SECONDS + 5) * 1000;
  const value = await encode({ token: { ...claims, signedInAt }, secret: E2E_NEXTAUTH_SECRET, maxAge });
  await context.addCookies([{ ...cookie, value }]);
}
