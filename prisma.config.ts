// Prisma CLI configuration. The JS schema engine (through the pg driver adapter) lets `prisma migrate deploy` run
// without downloading a native engine, so migrations apply offline to PostgreSQL and to the embedded PGlite server.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: run migrations through `npm run db:migrate`.");
    return new PrismaPg({ connectionString: url });
  },
});
