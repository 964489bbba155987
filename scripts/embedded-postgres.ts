// The zero-setup database: PGlite (PostgreSQL compiled to WebAssembly) served over TCP, so the portal, the worker,
// the Prisma CLI, scripts and tests all reach it through an ordinary postgresql:// URL. One process owns the data.
//
// PGlite is a single PostgreSQL session, so connections must take turns. They take turns per protocol *batch*
// (a simple Query, or extended-protocol messages up to Sync), and a connection inside a transaction keeps its turn
// until the transaction ends. (Interleaving single messages, as a per-message queue does, lets one connection's
// Bind meet another's Parse.)
import { mkdirSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";
import { createPrivateFilesFromNowOn, makePrivate } from "./lib/private-files";

export interface EmbeddedPostgres {
  url: string;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

/** Whose turn it is; others wait. */
class Turns {
  private owner: number | null = null;
  private waiting: (() => void)[] = [];

  async take(id: number): Promise<void> {
    while (this.owner !== null && this.owner !== id) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.owner = id;
  }

  give(id: number): void {
    if (this.owner !== id) return;
    this.owner = null;
    for (const wake of this.waiting.splice(0)) wake();
  }

  holds(id: number): boolean {
    return this.owner === id;
  }
}

/** Serves one client connection; returns what is still running for it (awaited before the database closes). */
function serve(db: PGlite, turns: Turns, socket: Socket, id: number): () => Promise<void> {
  let buffer = Buffer.alloc(0);
  let started = false;
  let batch: Buffer[] = [];
  let chain = Promise.resolve();
  socket.setNoDelay(true);

  async function run(messages: Buffer[], endsBatch: boolean) {
    await turns.take(id);
    for (const message of messages) {
      await db.execProtocolRawStream(new Uint8Array(message), { onRawData: (data) => socket.writable && socket.write(data) });
    }
    if (endsBatch && !db.isInTransaction()) turns.give(id);
  }

  async function pump() {
    for (;;) {
      if (!started) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        const code = buffer.readInt32BE(4);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          buffer = buffer.subarray(8);
          socket.write("N");
          continue;
        }
        if (code === CANCEL_REQUEST) {
          buffer = buffer.subarray(length);
          continue;
        }
        if (buffer.length < length) return;
        const startup = buffer.subarray(0, length);
        buffer = buffer.subarray(length);
        started = true;
        await run([startup], true);
        continue;
      }
      if (buffer.length < 5) return;
      const length = 1 + buffer.readInt32BE(1);
      if (buffer.length < length) return;
      const message = buffer.subarray(0, length);
      buffer = buffer.subarray(length);
      const type = String.fromCharCode(message[0] ?? 0);
      if (type === "X") {
        socket.end();
        return;
      }
      batch.push(message);
      if (type === "S" || type === "Q" || type === "H") {
        const messages = batch;
        batch = [];
        await run(messages, type !== "H");
      }
    }
  }

  socket.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    chain = chain.then(pump).catch(() => {
      socket.destroy();
    });
  });
  socket.on("error", () => socket.destroy());
  socket.on("close", () => {
    chain = chain.then(async () => {
      if (!turns.holds(id)) return;
      if (db.isInTransaction()) await db.exec("ROLLBACK").catch(() => undefined);
      turns.give(id);
    });
  });
  return () => chain;
}

/**
 * PGlite's file system on disk, with files for this user only. PostgreSQL inside PGlite creates its files 0666
 * through Emscripten, which sets the mode with chmod after creating the file (so the process umask does not apply):
 * every chmod goes through Emscripten's FS.doChmod, where group and other bits are dropped.
 */
type PostgresMod = Parameters<NodeFS["init"]>[1];

class PrivateNodeFS extends NodeFS {
  override async init(pg: PGlite, opts: Partial<PostgresMod>) {
    const { emscriptenOpts } = await super.init(pg, opts);
    const ownerOnly = (mod: { FS: unknown }) => {
      const fs = mod.FS as unknown as { doChmod(stream: unknown, node: unknown, mode: number, dontFollow: boolean): void };
      const doChmod = fs.doChmod.bind(fs);
      fs.doChmod = (stream, node, mode, dontFollow) => doChmod(stream, node, mode & ~0o077, dontFollow);
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), ownerOnly] } };
  }
}

/**
 * dataDir undefined = in memory (tests). port 0 = a free port. The data files hold password hashes: they are made
 * readable by this user only (umask 077 for this process, which owns the data, owner-only chmods, and the files of an
 * installation made before this tightened at start).
 */
export async function startEmbeddedPostgres(opts: { dataDir?: string; port?: number }): Promise<EmbeddedPostgres> {
  if (opts.dataDir) {
    createPrivateFilesFromNowOn();
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    makePrivate(opts.dataDir);
  }
  const db = await PGlite.create(opts.dataDir ? { fs: new PrivateNodeFS(opts.dataDir) } : { dataDir: "memory://" });
  const turns = new Turns();
  const sockets = new Map<Socket, () => Promise<void>>();
  let nextId = 1;
  const server = createServer((socket) => {
    sockets.set(socket, serve(db, turns, socket, nextId++));
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async close() {
      // Connections first, and what they were running, so no query meets a closed database.
      const connections = [...sockets.values()];
      for (const socket of sockets.keys()) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const running = connections.map((inFlight) => inFlight()); // a closed connection's rollback included
      await Promise.race([Promise.allSettled(running), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      await db.close();
    },
  };
}
