// The portal's configuration, parsed once from process.env. A bad or missing secret stops the server at boot
// (instrumentation.ts imports this file). Deliberately no "server-only" import here: instrumentation rejects it.
import { z } from "zod";
import { shardsEnvSchema } from "./shards/config";

const optional = z.string().trim().min(1).optional();

/** An unset-or-empty variable counts as unset (a blank line in a .env file keeps the default). */
const blankAsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** An image the portal shows: an absolute http(s) URL or a path on the portal itself ("/brand/logo.svg"). */
const imageUrl = (name: string) =>
  z.preprocess(
    blankAsUnset,
    z
      .string()
      .trim()
      .max(2000)
      .refine((v) => /^\/(?!\/)\S*$/.test(v) || /^https?:\/\/[^\s/]+\S*$/i.test(v), `${name} must be an https:// URL or a path starting with /`)
      .optional(),
  );

/**
 * A CSS colour for the brand: #rgb, #rrggbb(aa), a named colour, or rgb()/hsl()/oklch()/oklab()/lab()/lch() with
 * plain numbers. Only these characters can reach the page's style attribute, so nothing else can be injected.
 */
export const CSS_COLOR =
  /^(#[0-9a-f]{3,4}|#[0-9a-f]{6}|#[0-9a-f]{8}|[a-z]{3,30}|(rgba?|hsla?|oklch|oklab|lab|lch)\(\s*[-+0-9.%deg\s,/]+\))$/i;

/** "Status=https://status.example.com,Terms=/terms": labels and links for the footer. */
const footerLinks = z.preprocess(
  blankAsUnset,
  z
    .string()
    .transform((value, ctx) => {
      const links: { label: string; href: string }[] = [];
      for (const entry of value.split(",").map((e) => e.trim()).filter(Boolean)) {
        const at = entry.indexOf("=");
        const label = entry.slice(0, at).trim();
        const href = entry.slice(at + 1).trim();
        if (at < 1 || !label || label.length > 40 || !(/^\/(?!\/)\S*$/.test(href) || /^(https?:\/\/[^\s/]+\S*|mailto:\S+@\S+)$/i.test(href))) {
          ctx.addIssue({
            code: "custom",
            message: `GATEHOUSE_FOOTER_LINKS: "${entry}" must be Label=https://… or Label=/path (entries separated by commas)`,
          });
          return z.NEVER;
        }
        links.push({ label, href });
      }
      return links;
    })
    .optional(),
);

/** The worker's jobs (scripts/worker.ts). */
export const WORKER_JOBS = ["operations", "usage-refresh", "reconcile", "quota-alerts", "quota-rebalance", "usage-history"] as const;
export type WorkerJob = (typeof WORKER_JOBS)[number];

const serverSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters (openssl rand -base64 32)"),
  NEXTAUTH_URL: z.url().optional(),

  // AWS: the SDK reads region, endpoint and credentials itself from the standard chain; these are echoed for checks.
  AWS_REGION: z.string().default("us-east-1"),
  AWS_ENDPOINT_URL: z.url().optional(),

  // Client-side pacing of API Gateway's control-plane calls (lib/aws/control-plane-limits.ts). "aws" keeps every
  // process within AWS's documented per-account limits; "off" sends calls as they come, for an endpoint that has no
  // such limits (the integration tests' local AWS runs with its rate limits off).
  GATEHOUSE_AWS_PACING: z.enum(["aws", "off"]).default("aws"),

  // Which REST API and stage the portal fronts. The id wins over the name.
  GATEHOUSE_REST_API_ID: optional,
  GATEHOUSE_REST_API_NAME: z.string().default("gatehouse-demo-api"),
  GATEHOUSE_STAGE: z.string().default("prod"),
  // AWS keys this portal creates are named <prefix><record id>; reconcile treats every key with the prefix as its own.
  // Portals sharing one AWS account need prefixes that do not start one another (gatehouse-a-, gatehouse-b-).
  GATEHOUSE_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, "GATEHOUSE_KEY_PREFIX must be 1–40 letters, digits, dots, dashes or underscores")
    .default("gatehouse-"),
  // Base URL customers call, e.g. https://api.example.com or https://abc123.execute-api.us-east-1.amazonaws.com/prod.
  // Defaults to the stage's execute-api URL.
  GATEHOUSE_GATEWAY_URL: z.url().optional(),
  // The AWS accounts/regions customers' keys are spread over (lib/shards/config.ts): a JSON array of
  // {id, region?, profile? | roleArn? | accessKeyId?+secretAccessKey?, endpoint?, restApiId?, stage?, keyLimit?}.
  // Unset: one shard "default" on the standard credential chain.
  GATEHOUSE_SHARDS: z.preprocess(blankAsUnset, shardsEnvSchema.optional()),

  // How recent a sign-in (or password re-entry) must be for sensitive actions such as revealing a key.
  GATEHOUSE_RECENT_AUTH_SECONDS: z.coerce.number().int().min(5).max(86_400).default(600),
  // Sessions end after this long unused (sliding: each use extends it), and never last longer than the maximum
  // after sign-in.
  GATEHOUSE_SESSION_IDLE_SECONDS: z.coerce.number().int().min(60).max(30 * 86_400).default(12 * 3600),
  GATEHOUSE_SESSION_MAX_SECONDS: z.coerce.number().int().min(300).max(90 * 86_400).default(7 * 86_400),

  // How many proxies of yours (load balancer, CDN) stand in front of the portal and append the client's address to
  // X-Forwarded-For. 0: the connection's own address is the client's (a forged X-Forwarded-For is ignored).
  // Used by the sign-in throttle.
  GATEHOUSE_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),

  // How long the admin's CloudWatch views are served from the portal's cache before AWS is asked again.
  GATEHOUSE_METRICS_CACHE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),

  // Usage history (lib/usage-history/): how many days back GetUsage is trusted to still have figures. The first
  // scheduled snapshot backfills this many days, and a manual snapshot may start no earlier; older stored days are
  // kept as they are and never overwritten from AWS.
  GATEHOUSE_USAGE_HISTORY_LOOKBACK_DAYS: z.coerce.number().int().min(2).max(3650).default(90),

  // Observability (lib/observability/). Metrics at /api/metrics and on the worker's port need
  // `Authorization: Bearer <GATEHOUSE_METRICS_TOKEN>`; without a token both are off.
  GATEHOUSE_METRICS_TOKEN: z.preprocess(
    blankAsUnset,
    z.string().regex(/^[\x21-\x7e]{24,256}$/, "GATEHOUSE_METRICS_TOKEN must be 24–256 printable characters without spaces (openssl rand -hex 32)").optional(),
  ),
  // The worker serves its metrics (/metrics) and liveness (/health/live) on this port; unset: no port.
  GATEHOUSE_WORKER_METRICS_PORT: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).max(65_535).optional()),
  GATEHOUSE_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  // Which of its jobs a worker runs (comma-separated WORKER_JOBS; default all), e.g. "operations" for workers that
  // only run operations. On SIGTERM a worker finishes what runs within GATEHOUSE_SHUTDOWN_TIMEOUT_MS, then exits.
  GATEHOUSE_WORKER_JOBS: z.preprocess(
    blankAsUnset,
    z
      .string()
      .transform((value) => value.split(",").map((job) => job.trim()).filter(Boolean))
      .pipe(z.array(z.enum(WORKER_JOBS, `GATEHOUSE_WORKER_JOBS: each must be one of ${WORKER_JOBS.join(", ")}`)).min(1))
      .optional(),
  ),
  GATEHOUSE_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(25_000),

  // Optional OIDC providers: each switches on when all of its variables are set.
  COGNITO_CLIENT_ID: optional,
  COGNITO_CLIENT_SECRET: optional,
  COGNITO_ISSUER: z.url().optional(),
  GITHUB_ID: optional,
  GITHUB_SECRET: optional,

  // Mail. With SMTP_URL set, mail goes out over SMTP; otherwise each message is appended to
  // $GATEHOUSE_MAIL_DIR/outbox.jsonl (default .data/mail) and announced on the console, for local use.
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      hostname: /^\S+$/,
      error: "SMTP_URL must be a smtp:// or smtps:// URL, like smtps://user:password@smtp.example.com:465",
    })
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .min(3)
    .max(254)
    .regex(/^[^\r\n]*@[^\r\n]+$/, "MAIL_FROM must be one line with an address, like Gatehouse <no-reply@example.com>")
    .optional(),
  GATEHOUSE_MAIL_DIR: optional,

  // Branding (lib/branding.ts): each has Gatehouse's own default.
  GATEHOUSE_BRAND_NAME: z.preprocess(blankAsUnset, z.string().trim().min(1).max(40, "GATEHOUSE_BRAND_NAME must be at most 40 characters").default("Gatehouse")),
  GATEHOUSE_BRAND_LOGO_URL: imageUrl("GATEHOUSE_BRAND_LOGO_URL"),
  GATEHOUSE_BRAND_FAVICON_URL: imageUrl("GATEHOUSE_BRAND_FAVICON_URL"),
  GATEHOUSE_BRAND_PRIMARY_COLOR: z.preprocess(
    blankAsUnset,
    z
      .string()
      .trim()
      .max(80)
      .regex(CSS_COLOR, "GATEHOUSE_BRAND_PRIMARY_COLOR must be a CSS colour, like #0f766e, teal or oklch(0.55 0.12 190)")
      .optional(),
  ),
  GATEHOUSE_SUPPORT_EMAIL: z.preprocess(blankAsUnset, z.email("GATEHOUSE_SUPPORT_EMAIL must be an e-mail address").optional()),
  GATEHOUSE_FOOTER_LINKS: footerLinks,
});

export type Env = z.infer<typeof serverSchema>;

const refinedSchema = serverSchema.superRefine((value, ctx) => {
  if (value.GATEHOUSE_WORKER_METRICS_PORT !== undefined && !value.GATEHOUSE_METRICS_TOKEN) {
    ctx.addIssue({ code: "custom", path: ["GATEHOUSE_WORKER_METRICS_PORT"], message: "GATEHOUSE_WORKER_METRICS_PORT needs GATEHOUSE_METRICS_TOKEN (metrics are never served without one)" });
  }
});

/** Parses a set of variables (process.env by default); throws with every problem listed. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = refinedSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Gatehouse cannot start: invalid configuration\n${problems}`);
  }
  return parsed.data;
}

let cached: Env | undefined;

/** The validated configuration; parsed on first use and then cached. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
