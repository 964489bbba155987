import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startTestSmtpServer, type TestSmtpOptions, type TestSmtpServer } from "@/lib/mail/smtp-test-server";
import { createSmtpTransport, parseSmtpUrl, SmtpError, type SmtpConfig } from "@/lib/mail/smtp-transport";

const message = { to: "ada@example.com", subject: "Reset your password", text: "Hello Ada,\nopen https://portal.example.com/reset-password?token=abc\n.\nbye" };

let server: TestSmtpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(options: TestSmtpOptions = {}) {
  server = await startTestSmtpServer(options);
  return server;
}

function config(port: number, extra: Partial<SmtpConfig> = {}): SmtpConfig {
  return { host: "127.0.0.1", port, secure: false, from: "Gatehouse <no-reply@example.com>", timeoutMs: 2_000, clientName: "portal.test", ...extra };
}

/** The decoded text/plain body of a received message. */
function plainBody(data: string): string {
  const part = data.split(/--gatehouse-[0-9a-f]+/).find((p) => p.includes("text/plain")) ?? data;
  const base64 = part.split("\r\n\r\n")[1]?.replace(/\s+/g, "") ?? "";
  return Buffer.from(base64, "base64").toString("utf8");
}

const verbs = (s: TestSmtpServer) => s.lines.map((l) => l.line.split(/[ :]/)[0]);

describe("SMTP transport against a local SMTP server", () => {
  it("speaks EHLO, MAIL FROM, RCPT TO, DATA and QUIT, and delivers a readable MIME message", async () => {
    const s = await serve();
    await createSmtpTransport(config(s.port)).sendMail({ ...message, html: "<p>Hello Ada</p>" });

    expect(verbs(s)).toEqual(["EHLO", "MAIL", "RCPT", "DATA", ...Array<string>(s.lines.length - 5).fill(expect.any(String)), "QUIT"]);
    expect(s.lines[0]?.line).toBe("EHLO portal.test");
    expect(s.lines[1]?.line).toBe("MAIL FROM:<no-reply@example.com>");
    expect(s.lines[2]?.line).toBe("RCPT TO:<ada@example.com>");
    const [received] = s.messages;
    expect(received?.from).toBe("no-reply@example.com");
    expect(received?.to).toEqual(["ada@example.com"]);
    expect(received?.data).toMatch(/^From: Gatehouse <no-reply@example.com>\r\nTo: ada@example.com\r\nSubject: Reset your password\r\n/);
    expect(received?.data).toMatch(/\r\nMessage-ID: <[^>]+@example\.com>\r\n/);
    expect(received?.data).toContain("multipart/alternative");
    expect(received?.data).toContain("text/html; charset=utf-8");
    // Line breaks survive as CRLF, and the lone "." line of the text cannot end DATA early.
    expect(plainBody(received?.data ?? "")).toBe(message.text.replace(/\n/g, "\r\n"));
  });

  it("authenticates with AUTH PLAIN when offered", async () => {
    const s = await serve({ auth: ["LOGIN", "PLAIN"], credentials: { user: "mailer", pass: "s3cret pass" } });
    await createSmtpTransport(config(s.port, { user: "mailer", pass: "s3cret pass" })).sendMail(message);
    const auth = s.lines.find((l) => l.line.startsWith("AUTH"))?.line ?? "";
    expect(auth).toMatch(/^AUTH PLAIN /);
    expect(Buffer.from(auth.slice("AUTH PLAIN ".length), "base64").toString("utf8")).toBe("\u0000mailer\u0000s3cret pass");
    expect(verbs(s).slice(0, 3)).toEqual(["EHLO", "AUTH", "MAIL"]);
    expect(s.messages).toHaveLength(1);
  });

  it("falls back to AUTH LOGIN", async () => {
    const s = await serve({ auth: ["LOGIN"], credentials: { user: "mailer", pass: "pw" } });
    await createSmtpTransport(config(s.port, { user: "mailer", pass: "pw" })).sendMail(message);
    expect(s.lines.slice(1, 4).map((l) => l.line)).toEqual(["AUTH LOGIN", Buffer.from("mailer").toString("base64"), Buffer.from("pw").toString("base64")]);
    expect(s.messages).toHaveLength(1);
  });

  it("reports refused credentials without echoing them, and sends nothing", async () => {
    const s = await serve({ auth: ["PLAIN"], credentials: { user: "mailer", pass: "right" } });
    const sending = createSmtpTransport(config(s.port, { user: "mailer", pass: "wrong-password" })).sendMail(message);
    await expect(sending).rejects.toThrow(SmtpError);
    await expect(sending).rejects.toThrow(/refused the credentials \(535 /);
    await sending.catch((error: unknown) => expect(String(error)).not.toContain("wrong-password"));
    expect(verbs(s)).not.toContain("MAIL");
    expect(s.messages).toHaveLength(0);
  });

  it("refuses to authenticate when the server offers no mechanism it knows", async () => {
    const s = await serve({ auth: ["CRAM-MD5"] });
    await expect(createSmtpTransport(config(s.port, { user: "u", pass: "p" })).sendMail(message)).rejects.toThrow(/no supported authentication/);
  });

  it("stops at a refused recipient before DATA", async () => {
    const s = await serve({ rcptReply: "550 5.1.1 no such user here" });
    await expect(createSmtpTransport(config(s.port)).sendMail(message)).rejects.toThrow(/refused the recipient \(550 5\.1\.1 no such user here\)/);
    expect(verbs(s)).not.toContain("DATA");
  });

  it("gives up on a server that never answers, within the timeout", async () => {
    const s = await serve({ silent: true });
    const started = Date.now();
    await expect(createSmtpTransport(config(s.port, { timeoutMs: 300 })).sendMail(message)).rejects.toThrow(/did not answer the connection \(greeting\) within 300 ms/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("reports a closed port as a connection failure", async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const address = probe.address();
    const port = address && typeof address !== "string" ? address.port : 0;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(createSmtpTransport(config(port)).sendMail(message)).rejects.toThrow(/could not connect to the SMTP server 127\.0\.0\.1:/);
  });

  it("refuses header injection before connecting", async () => {
    const s = await serve();
    const transport = createSmtpTransport(config(s.port));
    await expect(transport.sendMail({ ...message, to: "ada@example.com\r\nBcc: eve@example.com" })).rejects.toThrow(/one plain address/);
    await expect(transport.sendMail({ ...message, subject: "Hi\r\nBcc: eve@example.com" })).rejects.toThrow(/one line/);
    expect(s.lines).toHaveLength(0);
  });

  it("never sends credentials in clear text to a remote host", async () => {
    // The same local server, reached through 0.0.0.0 (Linux connects that to this machine), which is not on the
    // loopback allow-list: to the client it is a remote host without STARTTLS.
    const s = await serve({ auth: ["PLAIN"] });
    const sending = createSmtpTransport(config(s.port, { host: "0.0.0.0", user: "u", pass: "p" })).sendMail(message);
    await expect(sending).rejects.toThrow(/refusing to send SMTP credentials without TLS/);
    expect(verbs(s)).toEqual(["EHLO"]);
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

describe.skipIf(!hasOpenssl())("SMTP transport with STARTTLS", () => {
  let dir = "";
  let key = "";
  let cert = "";
  it("creates a throwaway certificate for 127.0.0.1", () => {
    dir = mkdtempSync(join(tmpdir(), "gatehouse-smtp-tls-"));
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

  it("upgrades before authenticating, and sends everything after EHLO over TLS", async () => {
    const s = await serve({ starttls: { key, cert }, auth: ["PLAIN"], credentials: { user: "u", pass: "p" } });
    await createSmtpTransport(config(s.port, { user: "u", pass: "p", tls: { ca: cert } })).sendMail(message);
    expect(s.lines.slice(0, 4).map((l) => [l.line.split(" ")[0], l.tls])).toEqual([
      ["EHLO", false],
      ["STARTTLS", false],
      ["EHLO", true],
      ["AUTH", true],
    ]);
    expect(s.lines.filter((l) => !l.tls).map((l) => l.line)).toEqual(["EHLO portal.test", "STARTTLS"]);
    expect(s.messages).toHaveLength(1);
  });

  it("refuses a certificate it cannot verify", async () => {
    const s = await serve({ starttls: { key, cert } });
    await expect(createSmtpTransport(config(s.port)).sendMail(message)).rejects.toThrow(/TLS handshake with the SMTP server failed/);
    expect(s.messages).toHaveLength(0);
  });

  it("refuses data injected after the STARTTLS answer", async () => {
    const s = await serve({ starttls: { key, cert }, injectAfterStartTls: "250 injected" });
    await expect(createSmtpTransport(config(s.port, { tls: { ca: cert } })).sendMail(message)).rejects.toThrow(/sent data before the TLS handshake/);
  });

  it("speaks TLS from the first byte for smtps://", async () => {
    const tlsServer = await import("node:tls");
    const received: string[] = [];
    const srv = tlsServer.createServer({ key, cert }, (socket) => {
      socket.write("220 hi\r\n");
      let buffer = "";
      socket.on("data", (chunk: Buffer) => {
        buffer += chunk.toString("utf8");
        let end: number;
        while ((end = buffer.indexOf("\r\n")) >= 0) {
          const line = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          received.push(line);
          if (line.startsWith("EHLO")) socket.write("250 hi\r\n");
          else if (line === "DATA") socket.write("354 go\r\n");
          else if (line === ".") socket.write("250 queued\r\n");
          else if (line === "QUIT") socket.end("221 bye\r\n");
          else if (/^(MAIL|RCPT)/.test(line)) socket.write("250 ok\r\n");
        }
      });
    });
    await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
    const address = srv.address();
    const port = address && typeof address !== "string" ? address.port : 0;
    try {
      await createSmtpTransport(config(port, { secure: true, tls: { ca: cert } })).sendMail(message);
      expect(received[0]).toBe("EHLO portal.test");
      expect(received).toContain(".");
      expect(received.at(-1)).toBe("QUIT");
    } finally {
      await new Promise<void>((resolve) => srv.close(() => resolve()));
    }
  });
});

describe("parseSmtpUrl", () => {
  it("reads smtps with credentials and the default port", () => {
    expect(parseSmtpUrl("smtps://user%40example.com:p%40ss@mail.example.com", "a@example.com")).toMatchObject({
      host: "mail.example.com",
      port: 465,
      secure: true,
      user: "user@example.com",
      pass: "p@ss",
    });
  });
  it("reads smtp with a port and no credentials", () => {
    expect(parseSmtpUrl("smtp://mail.example.com:2525", "a@example.com")).toMatchObject({ port: 2525, secure: false, user: undefined, pass: undefined });
    expect(parseSmtpUrl("smtp://mail.example.com", "a@example.com").port).toBe(587);
  });
  it("refuses other schemes", () => {
    expect(() => parseSmtpUrl("http://mail.example.com", "a@example.com")).toThrow(/smtp:\/\//);
  });
});
