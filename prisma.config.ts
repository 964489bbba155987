// Prisma CLI configuration for `prisma generate` (Prisma 7: the client's query compiler caches query plans).
// Migrations use prisma/migrate.config.ts through the Prisma 6.19 CLI; scripts/prisma.mjs chooses.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
