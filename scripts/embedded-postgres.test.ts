import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded-postgres";

/** Every path under `dir` (itself included) that its group or others may read, write or enter, with its mode. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    const stat = lstatSync(path);
    if (!stat.isSymbolicLink() && (stat.mode & 0o077) !== 0) found.push(`${path} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(dir);
  return found;
}

const umaskBefore = process.umask();
let scratch = "";
afterEach(() => {
  process.umask(umaskBefore);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("embedded PostgreSQL on disk", () => {
  it("keeps its data files (password hashes among them) readable by this user only", { timeout: 60_000 }, async () => {
    process.umask(0o022); // the usual default, under which files are created 0644
    scratch = mkdtempSync(join(tmpdir(), "gatehouse-pg-"));
    const dataDir = join(scratch, "pg");
    // An installation made before the fix: a world-readable directory and file already there.
    const database = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query("CREATE TABLE secrets (hash text)");
      await client.query("INSERT INTO secrets VALUES ('$argon2id$v=19$m=19456,t=2,p=1$abc')");
      await client.query("CHECKPOINT");
      await client.end();
    } finally {
      await database.close();
    }
    expect(readdirSync(dataDir).length).toBeGreaterThan(5);
    expect(openToOthers(dataDir)).toEqual([]);
  });

  it("tightens an existing data directory made before the fix", { timeout: 60_000 }, async () => {
    process.umask(0o022);
    scratch = mkdtempSync(join(tmpdir(), "gatehouse-pg-"));
    const dataDir = join(scratch, "pg");
    const first = await startEmbeddedPostgres({ dataDir, port: 0 });
    await first.close();
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, "left-over"), "x", { mode: 0o666 });
    chmodSync(join(dataDir, "left-over"), 0o666);
    process.umask(0o022);

    const second = await startEmbeddedPostgres({ dataDir, port: 0 });
    await second.close();
    expect(openToOthers(dataDir)).toEqual([]);
  });
});
