import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readLocalStack, removeLocalStack, connectToLocalStackOrExit, writeLocalStack } from "./lib/local-stack";
import { root, typescript } from "./lib/processes";

let dir = "";
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A clean environment: no database, no AWS, nothing from this machine's ~/.aws. */
function bareEnv(dataDir: string): NodeJS.ProcessEnv {
  return { NODE_ENV: "production", PATH: process.env.PATH, HOME: dataDir, GATEHOUSE_DATA_DIR: dataDir };
}

describe("a bare `npm run reconcile` in local mode", () => {
  it("with no local stack running, says in one line what to set or start, without a stack trace", { timeout: 60_000 }, () => {
    dir = mkdtempSync(join(tmpdir(), "gatehouse-stack-"));
    const run = spawnSync(process.execPath, typescript("scripts/reconcile.ts", { serverCode: true }), { cwd: root, env: bareEnv(dir), encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe("[reconcile] no database configured: set DATABASE_URL (and AWS configuration), or start the local stack with `npm start` first");
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});

describe("local stack file", () => {
  it("is private, found while its process runs, and removed by it", () => {
    dir = mkdtempSync(join(tmpdir(), "gatehouse-stack-"));
    writeLocalStack(dir, { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/postgres", AWS_ENDPOINT_URL: "http://127.0.0.1:2", PATH: "/bin" });
    expect(statSync(join(dir, "local-stack.json")).mode & 0o077).toBe(0);
    expect(readLocalStack(dir)).toEqual({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/postgres", AWS_ENDPOINT_URL: "http://127.0.0.1:2" });

    const env: Record<string, string | undefined> = { GATEHOUSE_DATA_DIR: dir, HOME: dir };
    connectToLocalStackOrExit("test", env);
    expect(env).toMatchObject({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/postgres", AWS_ENDPOINT_URL: "http://127.0.0.1:2" });

    // AWS configured here wins over the stack's local AWS; the stack's database is still used.
    const withAws: Record<string, string | undefined> = { GATEHOUSE_DATA_DIR: dir, HOME: dir, AWS_PROFILE: "prod" };
    connectToLocalStackOrExit("test", withAws);
    expect(withAws.AWS_ENDPOINT_URL).toBeUndefined();
    expect(withAws.DATABASE_URL).toBeDefined();

    removeLocalStack(dir);
    expect(readLocalStack(dir)).toBeUndefined();
  });
});
