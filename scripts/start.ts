// `npm start`: the portal with everything it needs.
//  - No DATABASE_URL: an embedded PostgreSQL (PGlite) under .data/pg.
//  - No AWS endpoint or credentials: local AWS on 127.0.0.1:4566 with state under .data/aws, demo data and traffic.
//  - Then: migrations, tier sync (+ demo seed), a production build if the sources changed, and the Next.js server.
// Flags: --dev (next dev), --memory (nothing persisted), --port N, --aws-port N (0 = free), --no-traffic.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { ChildProcess } from "node:child_process";
import { APIGatewayClient, GetRestApisCommand } from "@aws-sdk/client-api-gateway";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";
import { buildIsStale } from "./lib/build";
import { nextCli, root, runNode, startNode, tsxCli } from "./lib/processes";
import { createPrivateFilesFromNowOn, makePrivate } from "./lib/private-files";

const { values: flags } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    memory: { type: "boolean", default: false },
    port: { type: "string" },
    "aws-port": { type: "string", default: "4566" },
    "no-traffic": { type: "boolean", default: false },
  },
});

const dataDir = join(root, ".data");
const children: ChildProcess[] = [];
let database: EmbeddedPostgres | undefined;

// .data holds the database (password hashes), local AWS state (key values), the mail outbox (reset links) and the
// session secret: everything this process and its children create is for this user only, and so is what is there.
createPrivateFilesFromNowOn();
makePrivate(dataDir);

if (existsSync(join(root, ".env"))) process.loadEnvFile(join(root, ".env"));
const env: NodeJS.ProcessEnv = { ...process.env };
const port = flags.port ?? env.PORT ?? "3000";

function hasAwsConfiguration(e: NodeJS.ProcessEnv): boolean {
  return Boolean(
    e.AWS_ENDPOINT_URL ||
      e.AWS_ACCESS_KEY_ID ||
      e.AWS_PROFILE ||
      e.AWS_WEB_IDENTITY_TOKEN_FILE ||
      e.AWS_CONTAINER_CREDENTIALS_FULL_URI ||
      e.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ||
      existsSync(join(homedir(), ".aws", "credentials")),
  );
}

async function startLocalAws(): Promise<string> {
  const args = [tsxCli, "local-aws/cli.ts", "--port", flags["aws-port"]];
  args.push(...(flags.memory ? ["--memory"] : ["--data-dir", join(dataDir, "aws")]));
  const { child, match } = await startNode(args, env, "local-aws", /listening on (http:\/\/[\d.]+:\d+)/);
  children.push(child);
  return match[1] ?? "";
}

async function gatewayUrl(endpoint: string): Promise<string> {
  const client = new APIGatewayClient({ region: env.AWS_REGION, endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  const name = env.GATEHOUSE_REST_API_NAME ?? "gatehouse-demo-api";
  const apis = await client.send(new GetRestApisCommand({ limit: 500 }));
  const api = apis.items?.find((a) => a.name === name);
  if (!api?.id) throw new Error(`local AWS has no REST API named ${name}`);
  return `${endpoint}/restapis/${api.id}/${env.GATEHOUSE_STAGE ?? "prod"}/_user_request_`;
}

function localSecret(): string {
  if (flags.memory) return randomBytes(32).toString("base64url");
  const file = join(dataDir, "nextauth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

function shutdown(code: number): never {
  for (const child of children) child.kill("SIGTERM");
  void database?.close();
  setTimeout(() => process.exit(code), 1500).unref();
  process.exitCode = code;
  throw new ExitSignal();
}
class ExitSignal extends Error {}

async function main() {
  const local = !hasAwsConfiguration(env);
  env.AWS_REGION ??= "us-east-1";
  if (local) {
    console.log("[start] no AWS endpoint or credentials configured: starting local AWS");
    const endpoint = await startLocalAws();
    Object.assign(env, { AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local" });
    env.GATEHOUSE_GATEWAY_URL ??= await gatewayUrl(endpoint);
  }

  if (!env.DATABASE_URL) {
    database = await startEmbeddedPostgres({
      dataDir: flags.memory ? undefined : join(dataDir, "pg"),
      port: flags.memory ? 0 : Number(env.GATEHOUSE_EMBEDDED_DB_PORT ?? 54329),
    });
    env.DATABASE_URL = database.url;
    console.log(`[start] embedded PostgreSQL (PGlite) ${flags.memory ? "in memory" : "under .data/pg"} at ${database.url}`);
  }

  if (!env.NEXTAUTH_SECRET) {
    if (!local) {
      console.error("[start] NEXTAUTH_SECRET is required with real AWS (generate one: openssl rand -base64 32)");
      shutdown(1);
    }
    env.NEXTAUTH_SECRET = localSecret();
  }
  env.NEXTAUTH_URL ??= `http://localhost:${port}`;

  await runNode(["scripts/prisma.mjs", "migrate", "deploy"], env, "migrations");
  await runNode([tsxCli, "--conditions=react-server", "scripts/seed.ts", ...(local ? ["--demo"] : [])], env, "seed");

  if (!flags.dev && buildIsStale(env.NEXT_DIST_DIR)) {
    console.log("[start] building the portal (first start or changed sources)…");
    await runNode([nextCli, "build"], env, "next build");
  }

  const { child: next } = await startNode([nextCli, flags.dev ? "dev" : "start", "-p", port], env, "portal", /Ready in|ready on|started server/i);
  children.push(next);
  next.on("exit", (code) => {
    console.error(`[start] the portal exited (${code}); stopping`);
    try {
      shutdown(code ?? 1);
    } catch {
      /* exiting */
    }
  });

  const { child: worker } = await startNode([tsxCli, "--conditions=react-server", "scripts/worker.ts"], env, "worker", /started/);
  children.push(worker);

  if (local && !flags["no-traffic"] && existsSync(join(root, "local-aws", "traffic.ts"))) {
    // Thirty days of history first (once), so every chart has shape from the first minute; then live traffic.
    const args = [tsxCli, "local-aws/traffic.ts", "--endpoint", env.AWS_ENDPOINT_URL ?? "", "--backfill-days", "30"];
    const { child } = await startNode(args, env, "traffic", /./);
    children.push(child);
  }

  console.log(`
  Gatehouse is running on http://localhost:${port}
  ${local ? `Local AWS: ${env.AWS_ENDPOINT_URL}   Gateway: ${env.GATEHOUSE_GATEWAY_URL}
  Demo accounts (password "gatehouse-demo"): customer@gatehouse.local, admin@gatehouse.local, billing@gatehouse.local` : `AWS region ${env.AWS_REGION}`}
  Press Ctrl+C to stop.
`);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    try {
      shutdown(0);
    } catch {
      /* exiting */
    }
  });
}

main().catch((error: unknown) => {
  if (error instanceof ExitSignal) return;
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  try {
    shutdown(1);
  } catch {
    /* exiting */
  }
});
