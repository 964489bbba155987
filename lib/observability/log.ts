// The one logger: structured JSON lines on stdout (pino), one object per event, for the portal, the worker and the
// scripts. Every line carries `service` (portal, worker, …) and, inside a request, `requestId` (lib/observability/
// request-id.ts). Secrets never reach a line: fields named like passwords, tokens, secrets, cookies, authorization
// headers or API key values are replaced by "[redacted]" at the top level and two levels down (REDACTED_PATHS,
// tested in log.test.ts),
// and errors are logged by class and message only (errorFields), never with the request or form that caused them.
// No "server-only" import: scripts and instrumentation.ts use this file too.
import pino, { type Logger } from "pino";

/** Field names whose values are secret, at the top level and one or two levels down. */
const SECRET_FIELDS = [
  "password",
  "newPassword",
  "currentPassword",
  "passwordHash",
  "token",
  "accessToken",
  "refreshToken",
  "idToken",
  "secret",
  "clientSecret",
  "secretAccessKey",
  "sessionToken",
  "apiKey",
  "keyValue",
  // API Gateway's name for a key's value (CreateApiKey's answer): any field called `value` is withheld.
  "value",
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  "set-cookie",
  "x-api-key",
  "NEXTAUTH_SECRET",
  "GATEHOUSE_METRICS_TOKEN",
  "DATABASE_URL",
  "SMTP_URL",
];

/** pino redaction paths: each secret field at depth 0, 1 and 2 (e.g. `password`, `*.password`, `*.*.password`). */
export const REDACTED_PATHS = SECRET_FIELDS.flatMap((field) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
  const dot = key.startsWith("[") ? "" : ".";
  return [key, `*${dot}${key}`, `*.*${dot}${key}`];
});

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

function level(): LogLevel {
  const wanted = process.env.GATEHOUSE_LOG_LEVEL;
  const levels: LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
  if (wanted && (levels as string[]).includes(wanted)) return wanted as LogLevel;
  return process.env.NODE_ENV === "test" ? "warn" : "info";
}

/** A logger writing to `destination` (stdout by default); tests pass a stream to read the lines back. */
export function createLogger(options: { service?: string; level?: LogLevel; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? level(),
      base: { service: options.service ?? "portal" },
      messageKey: "msg",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      // An Error logged as it is (`log.error(error)`, `{ err: error }`) is written like errorFields(): no stack, no
      // properties it carries (an AWS error holds the request; a database error the query).
      serializers: { err: (value: unknown) => (value instanceof Error ? errorFields(value).err : value) },
    },
    options.destination,
  );
}

// One root logger per process, kept on globalThis: Next.js bundles this file into several server bundles.
const ROOT = Symbol.for("gatehouse.logger");
const holder = globalThis as typeof globalThis & { [ROOT]?: Logger };

/** The process's logger. */
export function rootLogger(): Logger {
  holder[ROOT] ??= createLogger();
  return holder[ROOT];
}

/** Replaces the process's logger (tests read the lines back: test/log-capture.ts); undefined restores the default. */
export function setRootLogger(replacement: Logger | undefined): void {
  holder[ROOT] = replacement;
}

/** A logger for one part of the system: every line gets `component`. */
export function logger(component: string, fields: Record<string, unknown> = {}): Logger {
  return rootLogger().child({ component, ...fields });
}

/** What may be logged about an error: its class and message (and AWS's HTTP status), nothing it carries. */
export function errorFields(error: unknown): { err: { name: string; message: string; status?: number } } {
  if (!(error instanceof Error)) return { err: { name: "unknown", message: "unknown error" } };
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return { err: { name: error.name, message: error.message, ...(status ? { status } : {}) } };
}
