import { randomBytes, randomUUID } from "node:crypto";
import type { MailMessage } from "@/lib/mail/transport";

// Builds an RFC 5322 message with CRLF line endings. Bodies are UTF-8 in base64 (lines of 76), so no body line can
// be over-long or start with a dot, and any text is safe to send to any server.

const NON_ASCII = /[^\x20-\x7e]/;

/** An RFC 2047 encoded word when the text is not plain printable ASCII. */
export function encodeHeaderText(text: string): string {
  return NON_ASCII.test(text) ? `=?UTF-8?B?${Buffer.from(text, "utf8").toString("base64")}?=` : text;
}

/** A From value with a non-ASCII display name encoded: `Zoë <z@example.com>` → `=?UTF-8?B?…?= <z@example.com>`. */
function encodeMailbox(value: string): string {
  const match = /^\s*"?([^"<]*?)"?\s*<([^<>]+)>\s*$/.exec(value);
  if (!match?.[1]) return value.trim();
  return `${encodeHeaderText(match[1])} <${match[2]}>`;
}

function base64Lines(text: string): string {
  const encoded = Buffer.from(text.replace(/\r?\n/g, "\r\n"), "utf8").toString("base64");
  return encoded.match(/.{1,76}/g)?.join("\r\n") ?? "";
}

function part(type: "plain" | "html", body: string): string {
  return [`Content-Type: text/${type}; charset=utf-8`, "Content-Transfer-Encoding: base64", "", base64Lines(body)].join("\r\n");
}

export function buildMimeMessage(message: MailMessage, { from, date = new Date() }: { from: string; date?: Date }): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "gatehouse.local";
  const headers = [
    `From: ${encodeMailbox(from)}`,
    `To: ${message.to}`,
    `Subject: ${encodeHeaderText(message.subject)}`,
    `Date: ${date.toUTCString().replace(/GMT$/, "+0000")}`,
    `Message-ID: <${randomUUID()}@${domain}>`,
    "MIME-Version: 1.0",
  ];
  if (message.html === undefined) return [...headers, part("plain", message.text)].join("\r\n");
  const boundary = `gatehouse-${randomBytes(12).toString("hex")}`;
  return [
    ...headers,
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    part("plain", message.text),
    `--${boundary}`,
    part("html", message.html),
    `--${boundary}--`,
  ].join("\r\n");
}

/** SMTP transparency (RFC 5321 4.5.2): a line starting with a dot gets another, so it cannot end DATA early. */
export function dotStuff(data: string): string {
  return data.replace(/^\./gm, "..");
}
