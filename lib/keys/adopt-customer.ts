import "server-only";
import { randomBytes } from "node:crypto";
import { hashResetToken } from "@/lib/account/password-reset";
import { portalUrl, resetLink } from "@/lib/account/reset-mail";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Prisma } from "@/lib/generated/prisma";
import type { MailMessage } from "@/lib/mail/transport";
import type { Actor } from "@/lib/policy/actor";

/** How long an invitation's set-password link works. */
export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

export interface CustomerForKeys {
  customerId: string;
  status: string;
  tier: { id: string; name: string; usagePlanId: string; maxKeys: number };
}

const customerSelect = { id: true, status: true, tier: { select: { id: true, name: true, usagePlanId: true, maxKeys: true } } } as const;

/** The customer a user with this e-mail belongs to (staff and unknown addresses: null). */
export async function findCustomerByEmail(tx: Prisma.TransactionClient, email: string): Promise<CustomerForKeys | null> {
  const user = await tx.user.findUnique({ where: { email }, select: { customer: { select: customerSelect } } });
  const c = user?.customer;
  return c ? { customerId: c.id, status: c.status, tier: c.tier } : null;
}

/**
 * A new customer for adopted keys, made by an admin: the customer and its first user (no password yet, no first key
 * queued: its keys are the ones being adopted), an audit entry, and a set-password link that works for a week. The
 * returned token goes into the invitation e-mail only; the database keeps its hash.
 */
export async function inviteCustomerIn(
  tx: Prisma.TransactionClient,
  actor: Actor,
  input: { email: string; name: string; company: string | null; tier: { id: string; slug: string } },
): Promise<{ customer: CustomerForKeys; token: string }> {
  const user = await tx.user.create({
    data: { email: input.email, name: input.name, passwordHash: null, role: "CUSTOMER", customer: { create: { name: input.name, company: input.company, tierId: input.tier.id } } },
    select: { id: true, customer: { select: customerSelect } },
  });
  const c = user.customer;
  if (!c) throw new Error("the new user has no customer");
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  await tx.passwordResetToken.create({ data: { userId: user.id, tokenHash: hashResetToken(token), createdAt: now, expiresAt: new Date(now.getTime() + INVITE_TTL_MS) } });
  await recordAudit(tx, {
    actor,
    action: "key.adopt",
    target: { type: "customer", id: c.id },
    customerId: c.id,
    meta: { invited: true, tier: input.tier.slug },
  });
  return { customer: { customerId: c.id, status: c.status, tier: c.tier }, token };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The invitation: the account exists, its API keys keep working, choose a password within a week. */
export function inviteMail(to: string, token: string): MailMessage {
  const link = resetLink(token);
  const text = [
    "An account was opened for you on the developer portal at " + portalUrl() + ".",
    "",
    "The API keys you already use keep working unchanged; in the portal you can see their usage, rotate them and create more.",
    "",
    "Open this link within 7 days to choose your password. It works once:",
    link,
    "",
    "If you do not expect this, ignore this e-mail.",
  ].join("\n");
  const html = `<p>An account was opened for you on the developer portal at ${escapeHtml(portalUrl())}.</p>
<p>The API keys you already use keep working unchanged; in the portal you can see their usage, rotate them and create more.</p>
<p>Open this link within 7 days to choose your password. It works once:</p>
<p><a href="${escapeHtml(link)}">Choose your password</a></p>
<p>If you do not expect this, ignore this e-mail.</p>`;
  return { to, subject: "Your developer portal account", text, html };
}
