import { randomUUID } from "node:crypto";
import { appendFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { assertSendable, type MailMessage, type MailTransport } from "@/lib/mail/transport";
import { logger } from "@/lib/observability/log";

export const OUTBOX_FILE = "outbox.jsonl";

/** One line of the outbox file. */
export interface OutboxEntry extends MailMessage {
  id: string;
  from: string;
  sentAt: string;
}

/**
 * For local use: appends each message as one JSON line to `<dir>/outbox.jsonl` (readable only by this user, since
 * messages may hold reset links) and prints a one-line notice with the subject and recipient, never the body.
 */
export function createFileTransport({ dir, from }: { dir: string; from: string }): MailTransport {
  const file = join(dir, OUTBOX_FILE);
  return {
    name: "file",
    async sendMail(message) {
      assertSendable(message);
      const entry: OutboxEntry = { id: randomUUID(), sentAt: new Date().toISOString(), from, ...message };
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await appendFile(file, `${JSON.stringify(entry)}\n`, { encoding: "utf8", mode: 0o600 });
      logger("mail").info({ subject: message.subject, to: message.to, file }, `"${message.subject}" to ${message.to}: written to ${file}`);
    },
  };
}
