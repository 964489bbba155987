// `npm start` as an operator runs it: its own stack (in memory, on free ports, with a data directory of its own),
// stopped the ways a terminal, a service manager or a crash stop it. No browser: processes, ports and output.
// Runs after the suite's web server has built the portal, which it reuses.
import { spawn, spawnSync, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";

test.describe.configure({ mode: "serial", timeout: 240_000 });
// It starts its own embedded stack: once per CI run is enough (not again in the run against PostgreSQL).
test.skip(Boolean(process.env.DATABASE_URL), "runs with the embedded database only");

interface Stack {
  parent: ChildProcess;
  port: number;
  dataDir: string;
  output: () => string;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

/** Whether something accepts connections on the port. */
async function portInUse(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once("error", () => resolve(true));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(false)));
  });
}

/** This process's descendants, from ps (children are in process groups of their own, so not by group). */
function descendants(pid: number): number[] {
  const table = execFileSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of table) {
      if (ppid !== parent || found.includes(child)) continue;
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

const commandOf = (pid: number) => execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" }).trim();

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A bare environment: no database, no AWS, no ~/.aws of this machine. */
function bareEnv(dataDir: string): NodeJS.ProcessEnv {
  return { NODE_ENV: "production", PATH: process.env.PATH, HOME: dataDir, GATEHOUSE_DATA_DIR: dataDir, NEXT_DIST_DIR: process.env.NEXT_DIST_DIR };
}

async function startStack(): Promise<Stack> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-start-"));
  // `npm start` itself, as an operator runs it: the parent is npm, with start.ts (and its children) below it.
  const args = ["start", "--", "--memory", "--no-traffic", "--port", String(port), "--aws-port", "0"];
  const parent = spawn("npm", args, { env: bareEnv(dataDir), stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  parent.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  parent.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  await expect.poll(() => output, { timeout: 180_000, intervals: [500] }).toContain("Gatehouse is running");
  return { parent, port, dataDir, output: () => output };
}

async function expectAllGone(stack: Stack, pids: number[]) {
  await expect.poll(() => pids.filter(alive), { timeout: 15_000, intervals: [250] }).toEqual([]);
  expect(await portInUse(stack.port)).toBe(false);
  rmSync(stack.dataDir, { recursive: true, force: true });
}

test("Ctrl+C stops portal and worker, then the database, then local AWS, quietly, and frees the port", async () => {
  const stack = await startStack();
  const pids = [stack.parent.pid ?? 0, ...descendants(stack.parent.pid ?? 0)];
  expect(pids.length).toBeGreaterThanOrEqual(4); // npm, start, local AWS, portal, worker

  // Health reports the database: up, then down while the process that serves it is frozen, then up again.
  const health = () => fetch(`http://127.0.0.1:${stack.port}/api/health`);
  const up = await health();
  expect(up.status).toBe(200);
  expect(await up.json()).toMatchObject({ status: "ok", database: "up", ready: true });
  const databaseOwner = pids.find((pid) => /scripts\/start\.ts/.test(commandOf(pid))) ?? 0;
  process.kill(databaseOwner, "SIGSTOP");
  try {
    const down = await health();
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "unavailable", database: "down", ready: false });
  } finally {
    process.kill(databaseOwner, "SIGCONT");
  }
  await expect.poll(async () => (await health()).status, { timeout: 10_000 }).toBe(200);

  // A bare `npm run reconcile` finds the running stack.
  const reconcile = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/reconcile.ts"], {
    env: bareEnv(stack.dataDir),
    encoding: "utf8",
  });
  expect(reconcile.stderr).not.toMatch(/Error|^\s+at /m);
  expect(reconcile.status).toBe(0);
  expect(reconcile.stdout).toContain("reconcile: ran");

  // A terminal's Ctrl+C: SIGINT to the foreground process group (npm and start.ts; npm forwards it once more).
  process.kill(-(stack.parent.pid ?? 0), "SIGINT");
  await expectAllGone(stack, pids);
  const output = stack.output();
  const order = ["[start] SIGINT received", "[start] portal and worker stopped", "[start] database closed", "[start] local AWS stopped", "[start] stopped"];
  expect(order.map((line) => output.indexOf(line))).toEqual([...order.map((line) => output.indexOf(line))].sort((a, b) => a - b));
  expect(order.every((line) => output.includes(line))).toBe(true);
  expect(output).not.toContain("stopping now"); // one Ctrl+C is not two
  expect(output).not.toContain("PGlite is closed");
  expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m); // no stack trace
});

test("SIGTERM to npm start stops everything below it within seconds", async () => {
  const stack = await startStack();
  const pids = [stack.parent.pid ?? 0, ...descendants(stack.parent.pid ?? 0)];
  const started = Date.now();
  stack.parent.kill("SIGTERM");
  await expectAllGone(stack, pids);
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(stack.output()).toContain("[start] stopped");
  expect(stack.output()).not.toMatch(/PGlite is closed|^\s+at .+:\d+:\d+\)?$/m);
});

test("killing npm start outright (SIGKILL) still ends every process below it and frees the port", async () => {
  const stack = await startStack();
  const pids = [stack.parent.pid ?? 0, ...descendants(stack.parent.pid ?? 0)];
  stack.parent.kill("SIGKILL");
  await expectAllGone(stack, pids);
});
