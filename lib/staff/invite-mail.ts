import "server-only";
import { resetLink } from "@/lib/account/reset-mail";
import type { MailMessage } from "@/lib/mail/transport";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const INVITE_TTL_MS = 72 * 60 * 60 * 1000;

/** The staff invitation: a set-password link (the password-reset page), valid for 72 hours, once. */
export function inviteMail(to: string, token: string, role: "ADMIN" | "BILLING"): MailMessage {
  const link = resetLink(token);
  const what = role === "ADMIN" ? "an administrator" : "a billing staff member";
  const text = [
    `You were invited to the Gatehouse developer portal as ${what}.`,
    "",
    "Open this link within 72 hours to choose your password. It works once:",
    link,
    "",
    "If you did not expect this, ignore this e-mail.",
  ].join("\n");
  const html = `<p>You were invited to the Gatehouse developer portal as ${escapeHtml(what)}.</p>
<p>Open this link within 72 hours to choose your password. It works once:</p>
<p><a href="${escapeHtml(link)}">Choose your password</a></p>
<p>If you did not expect this, ignore this e-mail.</p>`;
  return { to, subject: "Your Gatehouse staff invitation", text, html };
}
