import { createServer, type Server, type Socket } from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { PrismaClient } from "@/lib/generated/prisma";
import { checkReadiness, readinessResponse } from "@/lib/health/readiness";

const servers: Server[] = [];
const sockets = new Set<Socket>();
const clients: PrismaClient[] = [];
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
  await Promise.all(clients.splice(0).map((c) => c.$disconnect().catch(() => undefined)));
});

/** A real Prisma client on a TCP server that does `behaviour` instead of speaking PostgreSQL. */
async function clientOn(behaviour: "refuse" | "hang"): Promise<PrismaClient> {
  const server = createServer((socket) => {
    sockets.add(socket); // and never answers
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  if (behaviour === "refuse") await new Promise((resolve) => server.close(resolve));
  else servers.push(server);
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: `postgresql://u:secret-pw@127.0.0.1:${port}/db` }) });
  clients.push(client);
  return client;
}

describe("/api/health", () => {
  it("answers 200 with the database up, and is not cached", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "up", ready: true });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 503 when the database refuses connections, without the error's text", async () => {
    const readiness = await checkReadiness(await clientOn("refuse"), 2_000);
    expect(readiness).toEqual({ status: "unavailable", database: "down", ready: false });
    const response = readinessResponse(readiness);
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(body).not.toMatch(/ECONNREFUSED|secret-pw|127\.0\.0\.1|Error/i);
  });

  it("answers 503 within its timeout when the database hangs", async () => {
    const started = Date.now();
    const readiness = await checkReadiness(await clientOn("hang"), 500);
    expect(readiness.database).toBe("down");
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
