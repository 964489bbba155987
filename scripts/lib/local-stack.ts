// Where a running `npm start` in local mode can be found by the other commands (reconcile, worker, admin:create):
// it writes its endpoints, database URL and secret to <data dir>/local-stack.json (this user only) while it runs.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { root } from "./processes";

const FILE = "local-stack.json";

type Env = Record<string, string | undefined>;

/** The variables a command needs to reach the local stack. */
const KEYS = ["DATABASE_URL", "NEXTAUTH_SECRET", "AWS_REGION", "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GATEHOUSE_GATEWAY_URL", "GATEHOUSE_MAIL_DIR"] as const;
const AWS_KEYS = new Set(["AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GATEHOUSE_GATEWAY_URL"]);

interface LocalStack {
  pid: number;
  env: Partial<Record<(typeof KEYS)[number], string>>;
}

/** .data in the project, or GATEHOUSE_DATA_DIR. */
export function dataDirectory(env: Env = process.env): string {
  return env.GATEHOUSE_DATA_DIR ?? join(root, ".data");
}

/** Whether AWS is configured (an endpoint, or credentials from the standard chain). */
export function hasAwsConfiguration(env: Env): boolean {
  return Boolean(
    env.AWS_ENDPOINT_URL ||
      env.AWS_ACCESS_KEY_ID ||
      env.AWS_PROFILE ||
      env.AWS_WEB_IDENTITY_TOKEN_FILE ||
      env.AWS_CONTAINER_CREDENTIALS_FULL_URI ||
      env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ||
      existsSync(join(homedir(), ".aws", "credentials")),
  );
}

export function writeLocalStack(dataDir: string, env: Env): void {
  const stack: LocalStack = { pid: process.pid, env: Object.fromEntries(KEYS.filter((k) => env[k]).map((k) => [k, env[k]])) };
  writeFileSync(join(dataDir, FILE), `${JSON.stringify(stack, null, 2)}\n`, { mode: 0o600 });
}

/** Removes the file if this process wrote it. */
export function removeLocalStack(dataDir: string): void {
  const stack = readFile(dataDir);
  if (stack?.pid === process.pid) rmSync(join(dataDir, FILE), { force: true });
}

function readFile(dataDir: string): LocalStack | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, FILE), "utf8")) as LocalStack;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The running local stack's variables, or undefined when none runs. */
export function readLocalStack(dataDir: string): LocalStack["env"] | undefined {
  const stack = readFile(dataDir);
  return stack && Number.isInteger(stack.pid) && isRunning(stack.pid) ? stack.env : undefined;
}

/**
 * For a command run on its own (`npm run reconcile`): without DATABASE_URL, use the running local stack's database
 * (and its local AWS, unless AWS is configured here); with no stack running, a one-line message and exit 1.
 */
export function connectToLocalStackOrExit(label: string, env: Env = process.env): void {
  if (env.DATABASE_URL) return;
  const stack = readLocalStack(dataDirectory(env));
  if (!stack) {
    console.error(`[${label}] no database configured: set DATABASE_URL (and AWS configuration), or start the local stack with \`npm start\` first`);
    process.exit(1);
  }
  const useAws = !hasAwsConfiguration(env);
  for (const [key, value] of Object.entries(stack)) {
    if (AWS_KEYS.has(key) && !useAws) continue;
    env[key] ??= value;
  }
}
