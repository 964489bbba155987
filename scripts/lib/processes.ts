// Small helpers for the start orchestrator: run a command to completion, or keep one running.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const tsxCli = `${root}node_modules/tsx/dist/cli.mjs`;
export const nextCli = `${root}node_modules/next/dist/bin/next`;

/** Runs `node <args>` and resolves when it exits 0. Asynchronous on purpose: this process may serve the database. */
export function runNode(args: string[], env: NodeJS.ProcessEnv, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: "inherit" });
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
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let settled = false;
    let buffer = "";
    const onData = (chunk: Buffer, stream: NodeJS.WriteStream) => {
      stream.write(prefixLines(label, chunk.toString()));
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

function prefixLines(label: string, text: string): string {
  return text
    .split(/(?<=\n)/)
    .map((line) => (line.trim() ? `[${label}] ${line}` : line))
    .join("");
}
