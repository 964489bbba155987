import "server-only";
import { emailSchema } from "@/lib/auth/credentials.schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AllShardsFullError, createCustomerIn } from "@/lib/customers/sign-up";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma";
import { cheapestPublicTier } from "@/lib/tiers/queries";
import { plainText } from "@/lib/validation/text";

// Sign-in through an OIDC provider (Cognito, GitHub). A first sign-in links to an existing account with the same
// e-mail only when the provider vouches for the address and the account is a customer's; staff accounts sign in with
// their password only. Without an account, it creates a customer exactly as password sign-up does.

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
}

/** Why an OIDC sign-in was refused; the sign-in page shows the matching message (`?error=<code>`). */
export type OidcRefusal = "OidcNoEmail" | "OidcUnverifiedEmail" | "OidcStaffAccount" | "OidcUnavailable" | "OidcFull";

export const oidcRefusalMessages: Record<OidcRefusal, string> = {
  OidcNoEmail: "That provider did not share an e-mail address with us, so we cannot sign you in with it.",
  OidcUnverifiedEmail:
    "An account with this e-mail address already exists, and the provider did not confirm that the address is yours. Sign in with your e-mail and password instead (or reset the password), then you can use the provider the next time once it confirms your address.",
  OidcStaffAccount: "This e-mail address belongs to a staff account, which signs in with its password only.",
  OidcUnavailable: "Signing up is not open yet. Please try again later.",
  OidcFull: "We cannot take new sign-ups right now: there is no room for new accounts' API keys. Please try again later.",
};

/** The sign-in page's message for next-auth's `?error=` (our refusals, or next-auth's own codes). */
export function oidcErrorMessage(code: string): string {
  return Object.hasOwn(oidcRefusalMessages, code) ? oidcRefusalMessages[code as OidcRefusal] : "Signing in with that provider failed. Please try again.";
}

export type OidcOutcome = { ok: true; user: SignedInUser } | { ok: false; refusal: OidcRefusal };

export interface OidcIdentity {
  provider: string;
  providerAccountId: string;
  email: string | null | undefined;
  /** Whether the provider asserts the e-mail address is verified (isEmailVerified of its profile). */
  emailVerified: boolean;
  name: string | null | undefined;
}

/** The provider's assertion that the e-mail is verified: OIDC's `email_verified` claim (Cognito sends "true" as text). */
export function isEmailVerified(profile: unknown): boolean {
  const claim = (profile as { email_verified?: unknown } | null | undefined)?.email_verified;
  return claim === true || claim === "true";
}

/** GitHub's primary e-mail address, only if GitHub has verified it (from GET /user/emails). */
export function primaryVerifiedEmail(emails: unknown): string | null {
  if (!Array.isArray(emails)) return null;
  const primary = emails.find((e: { primary?: unknown; verified?: unknown; email?: unknown }) => e?.primary === true && e.verified === true);
  return typeof primary?.email === "string" ? primary.email : null;
}

/**
 * GitHub's user profile with its primary verified e-mail, and `email_verified` saying whether it has one (GitHub's
 * profile e-mail alone proves nothing). Replaces next-auth's GitHub userinfo request.
 */
export const githubUserinfo = {
  url: "https://api.github.com/user",
  async request({ tokens }: { tokens: { access_token?: string } }): Promise<Record<string, unknown>> {
    const headers = { Authorization: `Bearer ${tokens.access_token ?? ""}`, Accept: "application/vnd.github+json", "User-Agent": "gatehouse" };
    const profileResponse = await fetch("https://api.github.com/user", { headers });
    if (!profileResponse.ok) throw new Error(`GitHub user profile: HTTP ${profileResponse.status}`);
    const profile = (await profileResponse.json()) as Record<string, unknown>;
    const emailsResponse = await fetch("https://api.github.com/user/emails", { headers });
    const verified = emailsResponse.ok ? primaryVerifiedEmail(await emailsResponse.json()) : null;
    return { ...profile, email: verified ?? profile.email ?? null, email_verified: verified !== null };
  },
};

function displayName(name: string | null | undefined, email: string): string {
  const parsed = plainText("your name", { max: 100 }).safeParse(name ?? "");
  if (parsed.success && parsed.data) return parsed.data;
  return email.split("@")[0]?.slice(0, 100) || "New customer";
}

/**
 * The local user for an OIDC identity: the linked one; or, on a first sign-in, an existing customer account with
 * the same (provider-verified) e-mail, linked now; or a new customer created like a password sign-up (first key
 * queued). Refuses staff accounts and unverified addresses of existing accounts.
 */
export async function findOrCreateOidcUser(identity: OidcIdentity): Promise<OidcOutcome> {
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
    select: { user: { select: { id: true, email: true, name: true } } },
  });
  if (linked) return { ok: true, user: linked.user };

  const email = emailSchema.safeParse(identity.email ?? "");
  if (!email.success) return { ok: false, refusal: "OidcNoEmail" };
  const existing = await db.user.findUnique({ where: { email: email.data }, select: { id: true, email: true, name: true, role: true, customerId: true } });
  if (existing) {
    if (existing.role !== "CUSTOMER") return { ok: false, refusal: "OidcStaffAccount" };
    if (!identity.emailVerified) return { ok: false, refusal: "OidcUnverifiedEmail" };
    await db.$transaction(async (tx) => {
      await tx.account.create({ data: { userId: existing.id, provider: identity.provider, providerAccountId: identity.providerAccountId } });
      await recordAudit(tx, {
        actor: { userId: existing.id, email: existing.email, role: existing.role },
        action: "auth.link_identity",
        target: { type: "user", id: existing.id },
        customerId: existing.customerId,
        meta: { provider: identity.provider },
      });
    });
    return { ok: true, user: { id: existing.id, email: existing.email, name: existing.name } };
  }

  const tier = await cheapestPublicTier();
  if (!tier) return { ok: false, refusal: "OidcUnavailable" };
  try {
    const user = await db.$transaction(async (tx) => {
      const created = await createCustomerIn(tx, {
        name: displayName(identity.name, email.data),
        company: null,
        email: email.data,
        passwordHash: null,
        tier,
        provider: identity.provider,
      });
      await tx.account.create({ data: { userId: created.id, provider: identity.provider, providerAccountId: identity.providerAccountId } });
      return created;
    });
    return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
  } catch (error) {
    // Two first sign-ins at once: the other one created the user or the link; the next attempt finds it.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return findOrCreateOidcUser(identity);
    // Every shard (AWS account) is full: refused like a password sign-up, nothing created.
    if (error instanceof AllShardsFullError) return { ok: false, refusal: "OidcFull" };
    throw error;
  }
}
