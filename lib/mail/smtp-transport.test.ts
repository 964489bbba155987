import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSmtpTransport, type SmtpOptions } from "@/lib/mail/smtp-transport";
import { startTestSmtpServer, type TestSmtpOptions, type TestSmtpServer } from "@/test/smtp-test-server";

const TOKEN = "tok_9f8e7d6c5b4a";
const message = {
  to: "zoe@example.com",
  subject: "Grüße, Zoë: reset your password ✓",
  text: `Hello Zoë,\nopen https://portal.example.com/reset-password?token=${TOKEN}\n.\nbye — Gatehouse`,
};

let server: TestSmtpServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

async function serve(options: TestSmtpOptions = {}) {
  server = await startTestSmtpServer(options);
  return server;
}

function transport(port: number, extra: Partial<SmtpOptions> & { user?: string; pass?: string; host?: string } = {}) {
  const { user, pass, host = "127.0.0.1", ...rest } = extra;
  const credentials = user ? `${encodeURIComponent(user)}:${encodeURIComponent(pass ?? "")}@` : "";
  return createSmtpTransport({ url: `smtp://${credentials}${host}:${port}`, from: "Gatehouse <no-reply@example.com>", timeoutMs: 2_000, clientName: "portal.test", ...rest });
}

/** Headers (unfolded) and body of a raw message. */
function split(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.indexOf("\r\n\r\n");
  const headers = new Map<string, string>();
  for (const line of raw.slice(0, end).replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(end + 4) };
}

/** RFC 2047 encoded words, as a mail client shows them. */
function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*(?==\?)|=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_m, b1: string, t1: string, b2: string, t2: string) => {
    const kind = (b1 ?? b2).toUpperCase();
    const text = t1 ?? t2;
    if (kind === "B") return Buffer.from(text, "base64").toString("utf8");
    return Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");
  });
}

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

/** The decoded text/plain part of a message. */
function plainText(raw: string): string {
  const { headers, body } = split(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get("content-type") ?? "")?.[1];
  if (!boundary) return decodeBody(body, headers.get("content-transfer-encoding"));
  const part = body.split(`--${boundary}`).find((p) => /content-type: text\/plain/i.test(p)) ?? "";
  const inner = split(part.replace(/^\r\n/, ""));
  return decodeBody(inner.body.replace(/\r\n$/, ""), inner.headers.get("content-transfer-encoding"));
}

describe("SMTP transport (nodemailer) against a real SMTP server (smtp-server)", () => {
  it("delivers a message whose non-ASCII subject, sender name and body arrive intact", async () => {
    const s = await serve();
    await createSmtpTransport({ url: `smtp://127.0.0.1:${s.port}`, from: "Gâtehouse <no-reply@example.com>", timeoutMs: 2_000 }).sendMail({
      ...message,
      html: "<p>Hello Zoë</p>",
    });

    const [received] = s.messages;
    expect(received?.from).toBe("no-reply@example.com");
    expect(received?.to).toEqual(["zoe@example.com"]);
    const { headers } = split(received?.raw ?? "");
    // Headers are 7-bit on the wire, and decode to the original text.
    expect(headers.get("subject")).toMatch(/^[\x20-\x7e]+$/);
    expect(decodeWords(headers.get("subject") ?? "")).toBe(message.subject);
    expect(decodeWords(headers.get("from") ?? "")).toBe("Gâtehouse <no-reply@example.com>");
    expect(headers.get("to")).toBe("zoe@example.com");
    expect(headers.get("message-id")).toMatch(/^<[^>]+@example\.com>$/);
    expect(headers.get("content-type")).toMatch(/^multipart\/alternative/);
    expect(received?.raw).toMatch(/text\/html; charset=utf-8/i);
    // The body survives with its line breaks, its non-ASCII text, and a lone "." line that cannot end DATA early.
    expect(plainText(received?.raw ?? "").replace(/\r\n/g, "\n")).toBe(message.text);
  });

  it("authenticates when the SMTP_URL has credentials, and never logs them or the message", async () => {
    const log = vi.spyOn(console, "log");
    const info = vi.spyOn(console, "info");
    const error = vi.spyOn(console, "error");
    const s = await serve({ credentials: { user: "mailer@example.com", pass: "s3cret p@ss" } });
    await transport(s.port, { user: "mailer@example.com", pass: "s3cret p@ss" }).sendMail(message);
    expect(s.logins).toEqual([{ method: "PLAIN", secure: false, accepted: true }]);
    expect(s.messages[0]?.user).toBe("mailer@example.com");
    const printed = [...log.mock.calls, ...info.mock.calls, ...error.mock.calls].flat().join("\n");
    expect(printed).not.toContain("s3cret");
    expect(printed).not.toContain(TOKEN);
  });

  it("reports refused credentials without echoing them, and sends nothing", async () => {
    const s = await serve({ credentials: { user: "mailer", pass: "right" } });
    const sending = transport(s.port, { user: "mailer", pass: "wrong-password" }).sendMail(message);
    await expect(sending).rejects.toThrow(/535/);
    await sending.catch((e: unknown) => expect(String(e)).not.toContain("wrong-password"));
    expect(s.messages).toHaveLength(0);
  });

  it("stops at a refused recipient", async () => {
    const s = await serve({ refuseRecipients: "5.1.1 no such user here" });
    await expect(transport(s.port).sendMail(message)).rejects.toThrow(/no such user here/);
    expect(s.messages).toHaveLength(0);
  });

  it("gives up on a server that never answers, within the timeout", async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    const port = address && typeof address !== "string" ? address.port : 0;
    const started = Date.now();
    try {
      await expect(transport(port, { timeoutMs: 300 }).sendMail(message)).rejects.toThrow(/greeting|timeout/i);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      silent.close();
    }
  });

  it("refuses header injection before connecting", async () => {
    const s = await serve();
    const t = transport(s.port);
    await expect(t.sendMail({ ...message, to: "ada@example.com\r\nBcc: eve@example.com" })).rejects.toThrow(/one plain address/);
    await expect(t.sendMail({ ...message, subject: "Hi\r\nBcc: eve@example.com" })).rejects.toThrow(/one line/);
    expect(s.messages).toHaveLength(0);
  });

  it("never sends credentials in clear text to a remote host", async () => {
    // The same local server reached through 0.0.0.0 (Linux connects that to this machine), which is not on the
    // loopback allow-list: to the client it is a remote host without STARTTLS.
    const s = await serve({ credentials: { user: "u", pass: "p" } });
    await expect(transport(s.port, { host: "0.0.0.0", user: "u", pass: "p" }).sendMail(message)).rejects.toThrow(/STARTTLS|TLS/);
    expect(s.logins).toEqual([]);
    expect(s.messages).toHaveLength(0);
  });

  it("refuses other URL schemes", () => {
    expect(() => createSmtpTransport({ url: "http://mail.example.com", from: "a@example.com" })).toThrow(/smtp:\/\//);
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!hasOpenssl())("SMTP transport with TLS", () => {
  let key = "";
  let cert = "";
  it("creates a throwaway certificate for 127.0.0.1", () => {
    const dir = mkdtempSync(join(tmpdir(), "gatehouse-smtp-tls-"));
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")],
      { stdio: "ignore" },
    );
    key = readFileSync(join(dir, "key.pem"), "utf8");
    cert = readFileSync(join(dir, "cert.pem"), "utf8");
    rmSync(dir, { recursive: true, force: true });
    expect(cert).toContain("BEGIN CERTIFICATE");
  });

  it("upgrades with STARTTLS before authenticating", async () => {
    const s = await serve({ starttls: { key, cert }, credentials: { user: "u", pass: "p" } });
    await transport(s.port, { user: "u", pass: "p", tls: { ca: cert } }).sendMail(message);
    expect(s.logins).toEqual([{ method: "PLAIN", secure: true, accepted: true }]);
    expect(s.messages[0]?.secure).toBe(true);
  });

  it("refuses a certificate it cannot verify", async () => {
    const s = await serve({ starttls: { key, cert } });
    await expect(transport(s.port).sendMail(message)).rejects.toThrow(/certificate/i);
    expect(s.messages).toHaveLength(0);
  });
});
