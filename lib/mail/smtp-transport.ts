import net from "node:net";
import nodemailer from "nodemailer";
import { assertSendable, type MailTransport } from "@/lib/mail/transport";

export interface SmtpOptions {
  /** `smtps://user:pass@host:465` (TLS from the start) or `smtp://host:587` (STARTTLS when offered). */
  url: string;
  from: string;
  timeoutMs?: number;
  /** The name sent with EHLO (default: this host's name). */
  clientName?: string;
  /** Extra TLS settings, e.g. a private CA. */
  tls?: { ca?: string };
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || (net.isIPv4(host) && host.startsWith("127."));
}

/**
 * Sends mail over SMTP with nodemailer: a new connection per message, STARTTLS whenever the server offers it, and
 * credentials never sent in clear text to another machine (STARTTLS is then required). Nothing is logged.
 */
export function createSmtpTransport({ url, from, timeoutMs = 15_000, clientName, tls }: SmtpOptions): MailTransport {
  const parsed = new URL(url);
  const secure = parsed.protocol === "smtps:";
  if (!secure && parsed.protocol !== "smtp:") throw new Error("SMTP_URL must be a smtp:// or smtps:// URL");
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  const auth = parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined;
  const transporter = nodemailer.createTransport({
    host,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    auth,
    requireTLS: !secure && auth !== undefined && !isLoopback(host),
    name: clientName,
    tls,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
    debug: false,
  });
  return {
    name: "smtp",
    async sendMail(message) {
      assertSendable(message);
      await transporter.sendMail({ from, to: message.to, subject: message.subject, text: message.text, html: message.html });
    },
  };
}
