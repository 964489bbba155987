import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma";
import { env } from "@/lib/env";

// One client per process, created on first use (so building the app needs no database), and kept on globalThis so
// dev-mode reloads do not open new pools.
const globalForDb = globalThis as unknown as { gatehouseDb?: PrismaClient };

function client(): PrismaClient {
  globalForDb.gatehouseDb ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 }),
  });
  return globalForDb.gatehouseDb;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client();
    const value: unknown = Reflect.get(real, property);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

export type { Prisma } from "@/lib/generated/prisma";
