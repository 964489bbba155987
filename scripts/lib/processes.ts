// The start orchestrator's child processes: run a command to completion, or keep one running, and stop them.
// Every child is supervised (scripts/lib/supervised.mjs, preloaded): it ends when this process ends, however it ends.
// Children run in their own process group, so a Ctrl+C in the terminal reaches only this process, which stops them
// in order (see scripts/start.ts). TypeScript runs in the child itself (node --import tsx), with no tsx CLI between.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const nextCli = `${root}node_modules/next/dist/bin/next`;
/** The tsx CLI (the benchmarks start scripts through it); start.ts runs TypeScript with `typescript()` instead. */
export const tsxCli = `${root}node_modules/tsx/dist/cli.mjs`;
const supervised = `${root}scripts/lib/supervised.mjs`;

/** Node arguments that run a TypeScript file; `serverCode` adds the react-server condition (lib/ code). */
export function typescript(file: string, { serverCode = false } = {}): string[] {
  return ["--import", "tsx", ...(serverCode ? ["--conditions=react-server"] : []), file];
}

const running = new Set<ChildProcess>();

function spawnSupervised(args: string[], env: NodeJS.ProcessEnv, output: "inherit" | "pipe"): ChildProcess {
  const child = spawn(process.execPath, ["--import", supervised, ...args], {
    cwd: root,
    env: { ...env, GATEHOUSE_SUPERVISOR_PID: String(process.pid) },
    stdio: ["ignore", output, output, "ipc"],
    detached: true,
  });
  running.add(child);
  child.on("exit", () => running.delete(child));
  return child;
}

/** Runs `node <args>` and resolves when it exits 0. Asynchronous on purpose: this process may serve the database. */
export function runNode(args: string[], env: NodeJS.ProcessEnv, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnSupervised(args, env, "inherit");
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${label} failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

/** Starts a long-running `node <args>` and resolves once a line of its output matches `ready`. */
export function startNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  label: string,
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  return new Promise((resolve, reject) => {
    const child = spawnSupervised(args, env, "pipe");
    let settled = false;
    let buffer = "";
    const onData = (chunk: Buffer, stream: NodeJS.WriteStream) => {
      if (stream.writable) stream.write(prefixLines(label, chunk.toString()));
      if (settled) return;
      buffer += chunk.toString();
      const match = buffer.match(ready);
      if (match) {
        settled = true;
        resolve({ child, match });
      }
    };
    child.stdout?.on("data", (c: Buffer) => onData(c, process.stdout));
    child.stderr?.on("data", (c: Buffer) => onData(c, process.stderr));
    child.on("error", (e) => !settled && reject(e));
    child.on("exit", (code, signal) => {
      if (!settled) reject(new Error(`${label} exited before it was ready (${signal ?? `exit code ${code}`})`));
    });
  });
}

/** Sends SIGTERM and waits for the exit; SIGKILL after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 8_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Every child still running (one-shot ones included), for a forced stop. */
export function killAll(): void {
  for (const child of running) child.kill("SIGKILL");
}

/** Children still running that are not in `except`. */
export function othersRunning(except: ChildProcess[]): ChildProcess[] {
  return [...running].filter((c) => !except.includes(c));
}

function prefixLines(label: string, text: string): string {
  return text
    .split(/(?<=\n)/)
    .map((line) => (line.trim() ? `[${label}] ${line}` : line))
    .join("");
}
