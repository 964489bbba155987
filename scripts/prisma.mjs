#!/usr/bin/env node
// Runs the Prisma CLI without native engines (which cannot be downloaded offline).
// - `generate`, `validate`, `format`: the Prisma 7 CLI, whose engine-less client (engineType = "client") the portal
//   uses; its query compiler caches query plans.
// - `migrate …` and `db …`: the Prisma 6.19 CLI (package `prisma-migrate`) with prisma/migrate.config.ts, whose JS
//   schema engine applies migrations through the pg driver adapter (Prisma 7's CLI has no such engine). Prisma 6.19
//   needs a `url` in the schema's datasource block and Prisma 7 refuses one, so 6.19 is handed a copy of each schema
//   file with `url = env("DATABASE_URL")` added (under node_modules/.cache/gatehouse-prisma); prisma/schema.prisma
//   stays the one schema.
// Pointing the engine variables at a placeholder stops either CLI from trying to download one. Set them yourself to
// override.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const placeholder = resolve(root, "prisma/engine-placeholder");
const env = {
  PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
  PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
  ...process.env,
};
const require = createRequire(import.meta.url);
let args = process.argv.slice(2);
const forMigrations = args[0] === "migrate" || args[0] === "db";

if (forMigrations) {
  const cache = resolve(root, "node_modules/.cache/gatehouse-prisma");
  mkdirSync(cache, { recursive: true });
  let copies = 0;
  const withUrl = (file) => {
    const text = readFileSync(file, "utf8");
    if (/^\s*url\s*=/m.test(text)) return file;
    const copy = resolve(cache, `${copies++}-${basename(file)}`);
    writeFileSync(copy, text.replace(/(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*"[^"]*")/, `$1\n  url = env("DATABASE_URL")`));
    return copy;
  };
  writeFileSync(resolve(cache, "migrate-schema.path"), withUrl(resolve(root, "prisma/schema.prisma")));
  args = args.map((arg, i) => (/^--(from|to)-schema-datamodel$/.test(args[i - 1] ?? "") ? withUrl(resolve(arg)) : arg));
  if (!args.includes("--config")) args.push("--config", resolve(root, "prisma/migrate.config.ts"));
}

const cli = require.resolve(forMigrations ? "prisma-migrate/build/index.js" : "prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit", env, cwd: process.cwd() });
process.exit(result.status ?? 1);
