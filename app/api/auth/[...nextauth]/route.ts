import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { getActor } from "@/lib/auth/session";
import { clearSessionCookie } from "@/lib/auth/session-token";

function handler(req: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(req, context);
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
