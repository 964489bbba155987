// Prisma CLI configuration for migrations. Prisma 7's CLI has no JS schema engine, so migrations run through the
// Prisma 6.19 CLI (the `prisma-migrate` package) with its JS schema engine over the pg driver adapter: `prisma migrate
// deploy` applies them offline, without downloading a native engine, to PostgreSQL and to the embedded PGlite server.
// scripts/prisma.mjs picks this file for `migrate` and `db` commands.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig } from "prisma-migrate/config";

// prisma/schema.prisma with the `url` Prisma 6.19 requires (written by scripts/prisma.mjs before each command).
const cacheDir = resolve(__dirname, "../node_modules/.cache/gatehouse-prisma");
const schema = readFileSync(resolve(cacheDir, "migrate-schema.path"), "utf8");

export default defineConfig({
  schema,
  migrations: { path: resolve(__dirname, "migrations") },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: run migrations through `npm run db:migrate`.");
    return new PrismaPg({ connectionString: url });
  },
});
