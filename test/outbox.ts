// Reads the mail that the file transport wrote to a test's outbox (GATEHOUSE_MAIL_DIR/outbox.jsonl).
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
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

/**
 * Points the file mail transport at a fresh folder for this test file (GATEHOUSE_MAIL_DIR), and puts things back
 * after it. Returns the folder, for outboxMailsTo.
 */
export function testOutbox(name: string): string {
  const mailDir = mkdtempSync(join(tmpdir(), `gatehouse-${name}-mail-`));
  const previousMailDir = process.env.GATEHOUSE_MAIL_DIR;
  process.env.GATEHOUSE_MAIL_DIR = mailDir;
  afterAll(() => {
    if (previousMailDir === undefined) delete process.env.GATEHOUSE_MAIL_DIR;
    else process.env.GATEHOUSE_MAIL_DIR = previousMailDir;
    rmSync(mailDir, { recursive: true, force: true });
  });
  return mailDir;
}
