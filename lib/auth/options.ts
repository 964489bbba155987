import "server-only";
import type { NextAuthOptions } from "next-auth";
import CognitoProvider from "next-auth/providers/cognito";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { signInSchema } from "@/lib/auth/credentials.schema";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session-token";
import { clientAddress } from "@/lib/auth/client-address";
import { attemptSignIn, findOrCreateOidcUser } from "@/lib/auth/sign-in";
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
    list.push(GitHubProvider({ clientId: config.GITHUB_ID, clientSecret: config.GITHUB_SECRET }));
  }
  return list;
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in" },
    providers: providers(),
    callbacks: {
      // Every redirect next-auth makes (after an OIDC sign-in, sign-out) stays on this site.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeRedirectPath(url, baseUrl)}`;
      },
      async signIn({ user, account }) {
        if (!account || account.type !== "oauth") return true;
        if (!user.email) return "/sign-in?error=NoEmail";
        const local = await findOrCreateOidcUser({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          email: user.email,
          name: user.name ?? user.email,
        });
        user.id = local.id;
        return true;
      },
      jwt({ token, user }) {
        // Only the user id and sign-in time live in the token; role and customer are re-read on every request.
        if (user) {
          token.sub = user.id;
          token.signedInAt = Date.now();
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        session.signedInAt = typeof token.signedInAt === "number" ? token.signedInAt : null;
        return session;
      },
    },
  };
  return cached;
}
