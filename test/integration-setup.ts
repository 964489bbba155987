// Vitest global setup for integration tests: a fresh database (embedded PGlite in memory, or the PostgreSQL server
// named by DATABASE_URL), migrated with the committed migrations, and local AWS on a free port, in memory.
// Workers inherit the environment set here.
import { randomBytes } from "node:crypto";
import { startLocalAws } from "../local-aws/server";
import { startEmbeddedPostgres } from "../scripts/embedded-postgres";
import { exitUnlessLocalOnly } from "../scripts/lib/local-only";
import { runNode } from "../scripts/lib/processes";

export default async function setup() {
  exitUnlessLocalOnly(process.env, "the integration tests");
  const database = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ port: 0 });
  const aws = await startLocalAws({ port: 0, rateLimits: false });
  Object.assign(process.env, {
    DATABASE_URL: process.env.DATABASE_URL ?? database?.url,
    AWS_ENDPOINT_URL: aws.url,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    // Local AWS runs without its rate limits here, so the portal need not pace its calls to AWS's; the file that
    // tests pacing (lib/tiers/admin-tiers.int.test.ts) turns both back on.
    GATEHOUSE_AWS_PACING: "off",
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    GATEHOUSE_GATEWAY_URL: `${aws.url}/restapis/${aws.demo.restApiId}/${aws.demo.stage}/_user_request_`,
  });
  await runNode(["scripts/prisma.mjs", "migrate", "deploy"], process.env, "migrations");
  return async () => {
    await aws.close();
    await database?.close();
  };
}
