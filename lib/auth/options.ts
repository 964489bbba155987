import "server-only";
import type { NextAuthOptions } from "next-auth";
import CognitoProvider from "next-auth/providers/cognito";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { headers } from "next/headers";
import { signInSchema } from "@/lib/auth/credentials.schema";
import { readSessionToken } from "@/lib/auth/session-token";
import { endSession, sessionCookieMaxAgeSeconds, startSession } from "@/lib/auth/sessions";
import { findOrCreateOidcUser, githubUserinfo, isEmailVerified } from "@/lib/auth/oidc-sign-in";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { env } from "@/lib/env";

function providers(): NextAuthOptions["providers"] {
  const config = env();
  const list: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const user = await signInWithPassword(parsed.data.email, parsed.data.password);
        return user ? { id: user.id, email: user.email, name: user.name } : null;
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

/** The signing-in browser's user agent and address, for the account page's list of sessions. */
async function requestClient(): Promise<{ userAgent: string | null; address: string | null }> {
  const h = await headers();
  return { userAgent: h.get("user-agent"), address: h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") };
}
