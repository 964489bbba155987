import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { getActor } from "@/lib/auth/session";
import { clearSessionCookie } from "@/lib/auth/session-token";
import { credentialsCallbackStatus } from "@/lib/auth/sign-in-response";

async function handler(req: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  const response = await NextAuth(authOptions())(req, context);
  // A throttled or failed password sign-in answers 429 (with Retry-After) or 503 instead of next-auth's 401.
  return credentialsCallbackStatus(req, response);
}

/**
 * next-auth answers GET /api/auth/session for any token it can decrypt, and renews it. Here it answers (and
 * renews) only while the token's server-side session lives; otherwise the answer is `{}` and the cookie is removed.
 */
async function GET(req: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "session" && !(await getActor())) {
    await clearSessionCookie();
    return Response.json({}, { headers: { "Cache-Control": "private, no-cache, no-store" } });
  }
  return handler(req, context);
}

export { GET, handler as POST };
