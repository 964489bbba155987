import net from "node:net";
import os from "node:os";
import { buildMimeMessage, dotStuff } from "@/lib/mail/mime";
import { SmtpConnection, SmtpError, type SmtpEndpoint } from "@/lib/mail/smtp-connection";
import { assertSendable, bareAddress, type MailTransport } from "@/lib/mail/transport";

export { SmtpError } from "@/lib/mail/smtp-connection";

export interface SmtpConfig extends SmtpEndpoint {
  user?: string;
  pass?: string;
  from: string;
  /** The name sent with EHLO. */
  clientName?: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** Reads `smtps://user:pass@host:465` (TLS from the start) or `smtp://host:587` (STARTTLS when offered). */
export function parseSmtpUrl(url: string, from: string, timeoutMs = DEFAULT_TIMEOUT_MS): SmtpConfig {
  const parsed = new URL(url);
  const secure = parsed.protocol === "smtps:";
  if (!secure && parsed.protocol !== "smtp:") throw new Error("SMTP_URL must be a smtp:// or smtps:// URL");
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  return {
    host,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    pass: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    from,
    timeoutMs,
  };
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || (net.isIPv4(host) && host.startsWith("127."));
}

function clientName(config: SmtpConfig): string {
  const name = (config.clientName ?? os.hostname()).replace(/[^A-Za-z0-9.-]/g, "");
  return name || "localhost";
}

/** The extension keywords of an EHLO reply, e.g. {STARTTLS: "", AUTH: "PLAIN LOGIN"}. */
function extensions(lines: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const [keyword = "", ...rest] = line.trim().split(/[ =]/);
    map.set(keyword.toUpperCase(), rest.join(" ").toUpperCase());
  }
  return map;
}

async function authenticate(connection: SmtpConnection, config: SmtpConfig, ext: Map<string, string>) {
  if (config.user === undefined) return;
  if (!connection.encrypted && !isLoopback(config.host)) {
    throw new SmtpError(`refusing to send SMTP credentials without TLS: ${config.host} did not offer STARTTLS (use smtps:// or a server with STARTTLS)`);
  }
  const mechanisms = (ext.get("AUTH") ?? "").split(/\s+/);
  const user = config.user;
  const pass = config.pass ?? "";
  if (mechanisms.includes("PLAIN")) {
    const token = Buffer.from(`\u0000${user}\u0000${pass}`, "utf8").toString("base64");
    await connection.command(`AUTH PLAIN ${token}`, [235], "the credentials");
  } else if (mechanisms.includes("LOGIN")) {
    await connection.command("AUTH LOGIN", [334], "AUTH LOGIN");
    await connection.command(Buffer.from(user, "utf8").toString("base64"), [334], "the user name");
    await connection.command(Buffer.from(pass, "utf8").toString("base64"), [235], "the credentials");
  } else {
    throw new SmtpError("the SMTP server offers no supported authentication (AUTH PLAIN or LOGIN)");
  }
}

/** Sends mail over SMTP: EHLO, STARTTLS when offered, AUTH PLAIN/LOGIN, MAIL FROM, RCPT TO, DATA, QUIT. */
export function createSmtpTransport(config: SmtpConfig): MailTransport {
  const sender = bareAddress(config.from);
  return {
    name: "smtp",
    async sendMail(message) {
      assertSendable(message);
      const connection = await SmtpConnection.open(config);
      try {
        await connection.expect([220], "the connection (greeting)");
        const hello = `EHLO ${clientName(config)}`;
        let ext = extensions((await connection.command(hello, [250], "EHLO")).lines);
        if (!config.secure && ext.has("STARTTLS")) {
          await connection.command("STARTTLS", [220], "STARTTLS");
          await connection.startTls();
          ext = extensions((await connection.command(hello, [250], "EHLO after STARTTLS")).lines);
        }
        await authenticate(connection, config, ext);
        await connection.command(`MAIL FROM:<${sender}>`, [250], "the sender");
        await connection.command(`RCPT TO:<${message.to}>`, [250, 251], "the recipient");
        await connection.command("DATA", [354], "DATA");
        connection.write(`${dotStuff(buildMimeMessage(message, { from: config.from }))}\r\n.\r\n`);
        await connection.expect([250], "the message");
      } catch (error) {
        connection.destroy();
        throw error;
      }
      await connection.close();
    },
  };
}
