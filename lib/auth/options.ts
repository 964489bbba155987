import "server-only";
import type { NextAuthOptions } from "next-auth";
import CognitoProvider from "next-auth/providers/cognito";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { headers } from "next/headers";
import { signInSchema } from "@/lib/auth/credentials.schema";
import { clientAddress, UNKNOWN_ADDRESS } from "@/lib/auth/client-address";
import { findOrCreateOidcUser, githubUserinfo, isEmailVerified } from "@/lib/auth/oidc-sign-in";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { readSessionToken } from "@/lib/auth/session-token";
import { endSession, sessionCookieMaxAgeSeconds, startSession } from "@/lib/auth/sessions";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { SIGN_IN_UNAVAILABLE, throttledError } from "@/lib/auth/sign-in-errors";
import { env } from "@/lib/env";

function providers(): NextAuthOptions["providers"] {
  const config = env();
  const list: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const outcome = await attemptSignIn({ ...parsed.data, clientAddress: clientAddress(request.headers ?? {}, config.GATEHOUSE_TRUSTED_PROXIES) });
        if (outcome.ok) return { id: outcome.user.id, email: outcome.user.email, name: outcome.user.name };
        // next-auth passes a thrown error's message to the client as `error` (app/api/auth/[...nextauth]/route.ts
        // turns these into 429 and 503); null is its plain "CredentialsSignin".
        if (outcome.reason === "throttled") throw new Error(throttledError(outcome.retryAfterSeconds));
        if (outcome.reason === "unavailable") throw new Error(SIGN_IN_UNAVAILABLE);
        return null;
      },
    }),
  ];
  if (config.COGNITO_CLIENT_ID && config.COGNITO_CLIENT_SECRET && config.COGNITO_ISSUER) {
    list.push(CognitoProvider({ clientId: config.COGNITO_CLIENT_ID, clientSecret: config.COGNITO_CLIENT_SECRET, issuer: config.COGNITO_ISSUER }));
  }
  if (config.GITHUB_ID && config.GITHUB_SECRET) {
    list.push(GitHubProvider({ clientId: config.GITHUB_ID, clientSecret: config.GITHUB_SECRET, userinfo: githubUserinfo }));
  }
  return list;
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: env().NEXTAUTH_SECRET,
    // The cookie may live up to the absolute maximum; the server-side session decides whether it still counts.
    session: { strategy: "jwt", maxAge: sessionCookieMaxAgeSeconds() },
    pages: { signIn: "/sign-in" },
    providers: providers(),
    callbacks: {
      // Every redirect next-auth makes (after an OIDC sign-in, sign-out) stays on this site.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeRedirectPath(url, baseUrl)}`;
      },
      async signIn({ user, account, profile }) {
        if (!account || account.type !== "oauth") return true;
        const outcome = await findOrCreateOidcUser({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          email: user.email,
          emailVerified: isEmailVerified(profile),
          name: user.name,
        });
        if (!outcome.ok) return `/sign-in?error=${outcome.refusal}`;
        user.id = outcome.user.id;
        return true;
      },
      async jwt({ token, user }) {
        // Only the user id, the sign-in time and the server-side session's id live in the token; role and customer
        // are re-read on every request, and the session is checked on every request (lib/auth/session).
        if (user) {
          const previous = await readSessionToken(); // this browser's earlier session, if any, is replaced
          if (typeof previous?.sid === "string") await endSession(previous.sid, "replaced");
          token.sub = user.id;
          token.signedInAt = Date.now();
          token.sid = await startSession(user.id, await requestClient());
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        session.signedInAt = typeof token.signedInAt === "number" ? token.signedInAt : null;
        return session;
      },
    },
    events: {
      // Signing out ends the session on the server: the cookie stops working even if someone kept a copy.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid, "sign_out");
      },
    },
  };
  return cached;
}

/** The signing-in browser's user agent and address (the same trusted address as the throttle), for the account page. */
async function requestClient(): Promise<{ userAgent: string | null; address: string | null }> {
  const h = await headers();
  const address = clientAddress(h, env().GATEHOUSE_TRUSTED_PROXIES);
  return { userAgent: h.get("user-agent"), address: address === UNKNOWN_ADDRESS ? null : address };
}
