// Reads the mail that the file transport wrote to a test's outbox (GATEHOUSE_MAIL_DIR/outbox.jsonl).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { OUTBOX_FILE, type OutboxEntry } from "@/lib/mail/file-transport";

/** The mails in `mailDir`'s outbox addressed to `address`, oldest first (none when nothing was sent yet). */
export function outboxMailsTo(mailDir: string, address: string): OutboxEntry[] {
  const file = join(mailDir, OUTBOX_FILE);
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as OutboxEntry)
    .filter((m) => m.to === address);
}
