import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createFileTransport, OUTBOX_FILE, type OutboxEntry } from "@/lib/mail/file-transport";
import { captureLogs } from "@/test/log-capture";

let dir = "";
afterEach(() => {
  vi.restoreAllMocks();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function readOutbox(path: string): OutboxEntry[] {
  return readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as OutboxEntry);
}

describe("file transport", () => {
  it("appends each message as one JSON line, creating the directory, and logs only subject and recipient", async () => {
    dir = join(mkdtempSync(join(tmpdir(), "gatehouse-mail-")), "nested", "mail");
    const logs = captureLogs();
    const transport = createFileTransport({ dir, from: "Gatehouse <no-reply@example.com>" });
    await transport.sendMail({ to: "ada@example.com", subject: "First", text: "secret link one\nsecond line" });
    await transport.sendMail({ to: "bob@example.com", subject: "Second", text: "secret link two", html: "<p>two</p>" });

    const file = join(dir, OUTBOX_FILE);
    const entries = readOutbox(file);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ to: "ada@example.com", subject: "First", text: "secret link one\nsecond line", from: "Gatehouse <no-reply@example.com>" });
    expect(entries[1]).toMatchObject({ to: "bob@example.com", subject: "Second", html: "<p>two</p>" });
    expect(entries[0]?.id).not.toBe(entries[1]?.id);
    expect(Number.isNaN(Date.parse(entries[0]?.sentAt ?? ""))).toBe(false);
    expect(statSync(file).mode & 0o077).toBe(0);

    logs.restore();
    expect(logs.lines).toHaveLength(2);
    expect(logs.lines[0]).toMatchObject({ component: "mail", subject: "First", to: "ada@example.com" });
    expect(logs.text()).not.toContain("secret link");
  });

  it("refuses a recipient that would smuggle a header", async () => {
    dir = mkdtempSync(join(tmpdir(), "gatehouse-mail-"));
    const transport = createFileTransport({ dir, from: "a@example.com" });
    await expect(transport.sendMail({ to: "a@example.com\nBcc: b@example.com", subject: "x", text: "y" })).rejects.toThrow(/one plain address/);
  });
});
