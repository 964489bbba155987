// `npm start`: the portal with everything it needs.
//  - No DATABASE_URL: an embedded PostgreSQL (PGlite) under .data/pg.
//  - No AWS endpoint or credentials: local AWS on 127.0.0.1:4566 with state under .data/aws, demo data and traffic.
//  - Then: migrations, tier sync (+ demo seed), a production build if the sources changed, and the Next.js server:
//    the standalone server of that build (node <distDir>/standalone/server.js, static files copied in first, as in
//    the container image), or `next dev` with --dev.
// Flags: --dev (next dev), --memory (nothing persisted), --port N, --aws-port N (0 = free), --no-traffic.
//
// Stopping (Ctrl+C, SIGTERM, SIGHUP): the portal, the worker and the traffic generator first (waiting for them), then
// the database, then local AWS (which saves its state). A second Ctrl+C stops everything at once. Children end with
// this process even when it is killed outright (scripts/lib/supervised.mjs).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { ChildProcess } from "node:child_process";
import { APIGatewayClient, GetRestApisCommand } from "@aws-sdk/client-api-gateway";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";
import { buildIsStale } from "./lib/build";
import { copyStandaloneAssets, standaloneServer } from "./standalone.mjs";
import { localOnlyProblem } from "./lib/local-only";
import { dataDirectory, hasAwsConfiguration, removeLocalStack, writeLocalStack } from "./lib/local-stack";
import { createPrivateFilesFromNowOn, makePrivate } from "./lib/private-files";
import { killAll, nextCli, othersRunning, root, runNode, startNode, stopProcess, typescript } from "./lib/processes";

const { values: flags } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    memory: { type: "boolean", default: false },
    port: { type: "string" },
    "aws-port": { type: "string", default: "4566" },
    "no-traffic": { type: "boolean", default: false },
  },
});

if (existsSync(join(root, ".env"))) process.loadEnvFile(join(root, ".env"));
const env: NodeJS.ProcessEnv = { ...process.env };
const port = flags.port ?? env.PORT ?? "3000";
const dataDir = dataDirectory(env);

// .data holds the database (password hashes), local AWS state (key values), the mail outbox (reset links) and the
// session secret: everything this process and its children create is for this user only, and so is what is there.
createPrivateFilesFromNowOn();
makePrivate(dataDir);

let localAws: ChildProcess | undefined;
let database: EmbeddedPostgres | undefined;
let stopping = false;
let stoppingSince = 0;

async function startLocalAws(): Promise<string> {
  const args = [...typescript("local-aws/cli.ts"), "--port", flags["aws-port"]];
  args.push(...(flags.memory ? ["--memory"] : ["--data-dir", join(dataDir, "aws")]));
  const { child, match } = await startNode(args, env, "local-aws", /listening on (http:\/\/[\d.]+:\d+)/);
  localAws = child;
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

/** Stops everything in order and exits with `code`; called again while stopping, stops everything at once. */
async function stop(code: number, reason?: string): Promise<never> {
  if (stopping) {
    // One Ctrl+C can arrive twice: from the terminal and forwarded by npm. Only a later one forces.
    if (Date.now() - stoppingSince < 1_000) return new Promise<never>(() => undefined);
    console.error("[start] stopping now");
    killAll();
    removeLocalStack(dataDir);
    process.exit(code || 130);
  }
  stopping = true;
  stoppingSince = Date.now();
  if (reason) console.log(`[start] ${reason}: stopping (press Ctrl+C again to stop at once)`);
  try {
    await Promise.all(othersRunning(localAws ? [localAws] : []).map((child) => stopProcess(child)));
    if (reason) console.log("[start] portal and worker stopped");
    if (database) {
      await database.close().catch((error: unknown) => console.error(`[start] closing the database: ${String(error)}`));
      if (reason) console.log("[start] database closed");
    }
    if (localAws) {
      await stopProcess(localAws);
      if (reason) console.log("[start] local AWS stopped");
    }
  } finally {
    removeLocalStack(dataDir);
  }
  if (reason) console.log("[start] stopped");
  process.exit(code);
}

async function main() {
  const local = !hasAwsConfiguration(env);
  env.AWS_REGION ??= "us-east-1";
  // Absolute: the standalone server runs in its own folder (<distDir>/standalone).
  env.GATEHOUSE_MAIL_DIR ??= join(dataDir, "mail");
  if (local) {
    console.log("[start] no AWS endpoint or credentials configured: starting local AWS");
    const endpoint = await startLocalAws();
    Object.assign(env, { AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local" });
    env.GATEHOUSE_GATEWAY_URL ??= await gatewayUrl(endpoint);
  }

  const embedded = !env.DATABASE_URL;
  if (embedded) {
    database = await startEmbeddedPostgres({
      dataDir: flags.memory ? undefined : join(dataDir, "pg"),
      port: flags.memory ? 0 : Number(env.GATEHOUSE_EMBEDDED_DB_PORT ?? 54329),
    });
    env.DATABASE_URL = database.url;
    console.log(`[start] embedded PostgreSQL (PGlite) ${flags.memory ? "in memory" : `under ${join(dataDir, "pg")}`} at ${database.url}`);
  }

  if (!env.NEXTAUTH_SECRET) {
    if (!local) {
      console.error("[start] NEXTAUTH_SECRET is required with real AWS (generate one: openssl rand -base64 32)");
      return stop(1);
    }
    env.NEXTAUTH_SECRET = localSecret();
  }
  env.NEXTAUTH_URL ??= `http://localhost:${port}`;

  // `npm run reconcile` and friends find this stack through this file while it runs.
  if (local || embedded) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeLocalStack(dataDir, env);
  }

  await runNode(["scripts/prisma.mjs", "migrate", "deploy"], env, "migrations");
  // Demo accounts have a published password: seeded only into a database on this machine, with local AWS.
  const demo = local && localOnlyProblem(env) === undefined;
  if (local && !demo) console.log(`[start] no demo data: ${localOnlyProblem(env)}`);
  await runNode([...typescript("scripts/seed.ts", { serverCode: true }), ...(demo ? ["--demo"] : [])], env, "seed");

  if (!flags.dev && buildIsStale(env.NEXT_DIST_DIR)) {
    console.log("[start] building the portal (first start or changed sources)…");
    await runNode([nextCli, "build"], env, "next build");
  }

  // The standalone server listens on $HOSTNAME:$PORT: every interface, IPv4 and IPv6, as `next start` did.
  if (!flags.dev) copyStandaloneAssets(env.NEXT_DIST_DIR);
  const portalArgs = flags.dev ? [nextCli, "dev", "-p", port] : [standaloneServer(env.NEXT_DIST_DIR)];
  const portalEnv = flags.dev ? env : { ...env, PORT: port, HOSTNAME: "::" };
  const { child: portal } = await startNode(portalArgs, portalEnv, "portal", /Ready in|ready on|started server/i);
  portal.on("exit", (code, signal) => {
    if (!stopping) void stop(code || 1, `the portal exited (${signal ?? `exit code ${code}`})`);
  });

  await startNode(typescript("scripts/worker.ts", { serverCode: true }), env, "worker", /started/);

  if (local && !flags["no-traffic"] && existsSync(join(root, "local-aws", "traffic.ts"))) {
    // Thirty days of history first (once), so every chart has shape from the first minute; then live traffic.
    const args = [...typescript("local-aws/traffic.ts"), "--endpoint", env.AWS_ENDPOINT_URL ?? "", "--backfill-days", "30"];
    await startNode(args, env, "traffic", /./);
  }

  console.log(`
  Gatehouse is running on http://localhost:${port}
  ${local ? `Local AWS: ${env.AWS_ENDPOINT_URL}   Gateway: ${env.GATEHOUSE_GATEWAY_URL}
  Demo accounts (password "gatehouse-demo"): customer@gatehouse.local, admin@gatehouse.local, billing@gatehouse.local` : `AWS region ${env.AWS_REGION}`}
  Press Ctrl+C to stop.
`);
}

const exitCodes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
for (const [signal, code] of Object.entries(exitCodes)) {
  process.on(signal, () => void stop(stopping ? code : 0, `${signal} received`));
}
// The process that started this one (npm, a shell, a service manager) is gone, e.g. killed outright: stop too.
const parentAtStart = process.ppid;
setInterval(() => {
  if (process.ppid !== parentAtStart && !stopping) void stop(0, "the parent process ended");
}, 1_000).unref();
// Whoever reads our output is gone (a closed terminal or pipe): stop quietly instead of failing on every write.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", () => void stop(0));
}

main().catch((error: unknown) => {
  if (stopping) return;
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  void stop(1);
});
