import "server-only";
import { env } from "@/lib/env";
import type { MailMessage } from "@/lib/mail/transport";

/** The portal's public address, without a trailing slash. */
export function portalUrl(): string {
  return (env().NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

export function resetLink(token: string): string {
  return `${portalUrl()}/reset-password?token=${encodeURIComponent(token)}`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The reset e-mail. It never repeats the account's name or anything the requester typed besides the address. */
export function resetMail(to: string, token: string): MailMessage {
  const link = resetLink(token);
  const text = [
    "Someone (hopefully you) asked to reset the password of your Gatehouse account.",
    "",
    "Open this link within one hour to choose a new password. It works once:",
    link,
    "",
    "If you did not ask for this, ignore this e-mail: your password stays as it is.",
  ].join("\n");
  const html = `<p>Someone (hopefully you) asked to reset the password of your Gatehouse account.</p>
<p>Open this link within one hour to choose a new password. It works once:</p>
<p><a href="${escapeHtml(link)}">Choose a new password</a></p>
<p>If you did not ask for this, ignore this e-mail: your password stays as it is.</p>`;
  return { to, subject: "Reset your Gatehouse password", text, html };
}
