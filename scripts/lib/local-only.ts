// Tests and the demo seed write throwaway accounts and keys: they run only against a database on this machine and
// local AWS, never against a real database or AWS account. (The shape of Dub's playwright/assert-local-database.ts.)
import net from "node:net";

type Env = Record<string, string | undefined>;

export class NotLocal extends Error {
  override name = "NotLocal";
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (bare === "localhost" || bare.endsWith(".localhost")) return true;
  if (net.isIPv4(bare)) return bare.startsWith("127.");
  return bare === "::1" || bare === "0:0:0:0:0:0:0:1";
}

function databaseProblem(url: string | undefined): string | undefined {
  if (url === undefined) return undefined; // the embedded database is started for the run
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "DATABASE_URL is not a URL";
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) return "DATABASE_URL is not a postgresql:// URL";
  const socket = parsed.searchParams.get("host");
  if (!parsed.hostname && socket?.startsWith("/")) return undefined; // a Unix socket on this machine
  if (!isLoopbackHost(parsed.hostname)) return `DATABASE_URL points to ${parsed.hostname || "no host"}, not to this machine (localhost, 127.0.0.1 or ::1)`;
  return undefined;
}

function awsProblem(env: Env): string | undefined {
  for (const [name, value] of Object.entries(env)) {
    if (!value || !(name === "AWS_ENDPOINT_URL" || name.startsWith("AWS_ENDPOINT_URL_"))) continue;
    let host = "";
    try {
      host = new URL(value).hostname;
    } catch {
      return `${name} is not a URL`;
    }
    if (!isLoopbackHost(host)) return `${name} points to ${host}, not to local AWS on this machine`;
  }
  if (env.AWS_PROFILE) return "AWS_PROFILE is set (real AWS credentials): unset it";
  if (/^(AKIA|ASIA)[A-Z0-9]{12,}$/.test(env.AWS_ACCESS_KEY_ID ?? "")) return "AWS_ACCESS_KEY_ID looks like a real AWS key: unset it";
  if (env.AWS_SESSION_TOKEN) return "AWS_SESSION_TOKEN is set (real AWS credentials): unset it";
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_CREDENTIALS_FULL_URI || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) {
    return "AWS role credentials are configured (web identity or container): unset them";
  }
  if (env.AWS_ACCESS_KEY_ID && !env.AWS_ENDPOINT_URL) return "AWS_ACCESS_KEY_ID is set without a local AWS_ENDPOINT_URL";
  return undefined;
}

/** Why this environment is not local-only, or undefined when it is. */
export function localOnlyProblem(env: Env): string | undefined {
  return databaseProblem(env.DATABASE_URL) ?? awsProblem(env);
}

/** Throws NotLocal with a one-line message naming `what` refuses to run and why. */
export function assertLocalOnly(env: Env, what: string): void {
  const problem = localOnlyProblem(env);
  if (problem) throw new NotLocal(refusal(what, problem));
}

const refusal = (what: string, problem: string) =>
  `${what}: refused, ${problem} (tests and the demo seed run only against a database on this machine and local AWS)`;

/** For a test runner's setup: stop the process with the one-line refusal (no stack trace) unless local-only. */
export function exitUnlessLocalOnly(env: Env, what: string): void {
  const problem = localOnlyProblem(env);
  if (!problem) return;
  console.error(refusal(what, problem));
  process.exit(1);
}
