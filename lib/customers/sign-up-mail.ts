import "server-only";
import { portalUrl } from "@/lib/account/reset-mail";
import type { MailMessage } from "@/lib/mail/transport";

/** To the owner of an address someone tried to sign up with again. Repeats nothing the person typed. */
export function accountExistsMail(to: string): MailMessage {
  const signIn = `${portalUrl()}/sign-in`;
  const forgot = `${portalUrl()}/forgot-password`;
  const text = [
    "Someone (hopefully you) tried to create a Gatehouse account with this e-mail address, which already has one.",
    "",
    `To use your account, sign in: ${signIn}`,
    `Forgot your password? Choose a new one: ${forgot}`,
    "",
    "If this was not you, ignore this e-mail: nothing was changed and no new account was created.",
  ].join("\n");
  const html = `<p>Someone (hopefully you) tried to create a Gatehouse account with this e-mail address, which already has one.</p>
<p>To use your account, <a href="${signIn}">sign in</a>. Forgot your password? <a href="${forgot}">Choose a new one</a>.</p>
<p>If this was not you, ignore this e-mail: nothing was changed and no new account was created.</p>`;
  return { to, subject: "You already have a Gatehouse account", text, html };
}
