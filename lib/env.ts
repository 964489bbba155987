// The portal's configuration, parsed once from process.env. A bad or missing secret stops the server at boot
// (instrumentation.ts imports this file). Deliberately no "server-only" import here: instrumentation rejects it.
import { z } from "zod";

const optional = z.string().trim().min(1).optional();

const serverSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters (openssl rand -base64 32)"),
  NEXTAUTH_URL: z.url().optional(),

  // AWS: the SDK reads region, endpoint and credentials itself from the standard chain; these are echoed for checks.
  AWS_REGION: z.string().default("us-east-1"),
  AWS_ENDPOINT_URL: z.url().optional(),

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
});

export type Env = z.infer<typeof serverSchema>;

function parseEnv(): Env {
  const parsed = serverSchema.safeParse(process.env);
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
