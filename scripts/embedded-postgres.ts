// The zero-setup database: PGlite (PostgreSQL compiled to WebAssembly) served over TCP, so the portal, the Prisma
// CLI, scripts and tests all reach it through an ordinary postgresql:// URL. One process owns the data directory.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  url: string;
  close(): Promise<void>;
}

/** dataDir undefined = in memory (tests). port 0 = a free port. */
export async function startEmbeddedPostgres(opts: { dataDir?: string; port?: number }): Promise<EmbeddedPostgres> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const db = await PGlite.create(opts.dataDir ?? "memory://");
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: opts.port ?? 0, maxConnections: 32 });
  await server.start();
  const port = await listeningPort(server, opts.port ?? 0);
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}

async function listeningPort(server: PGLiteSocketServer, requested: number): Promise<number> {
  if (requested) return requested;
  // The socket server keeps its net.Server privately; read the bound port from it.
  const inner = (server as unknown as { server?: { address(): { port: number } | string | null } }).server;
  const address = inner?.address();
  if (address && typeof address === "object") return address.port;
  throw new Error("embedded Postgres: could not determine the listening port");
}
