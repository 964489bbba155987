#!/usr/bin/env node
// Runs the Prisma CLI without native engines. Gatehouse uses the JS schema engine (prisma.config.ts) and the
// engine-less client (engineType = "client"), so no engine binary is needed; pointing the engine variables at a
// placeholder stops the CLI from trying to download one (which fails offline). Set them yourself to override.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const placeholder = fileURLToPath(new URL("../prisma/engine-placeholder", import.meta.url));
const env = {
  PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
  PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
  ...process.env,
};
const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(result.status ?? 1);
