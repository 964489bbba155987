import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { credentialsCallbackStatus } from "@/lib/auth/sign-in-response";

async function handler(req: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  const response = await NextAuth(authOptions())(req, context);
  // A throttled or failed password sign-in answers 429 (with Retry-After) or 503 instead of next-auth's 401.
  return credentialsCallbackStatus(req, response);
}

export { handler as GET, handler as POST };
