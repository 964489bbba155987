import dc from "node:diagnostics_channel";
import { ClientRequest } from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createActionClient, failureMessage } from "@/lib/actions/action-client";
import { createKey } from "@/lib/keys/create-key";
import { createKeySchema } from "@/lib/keys/key-name.schema";
import { newCustomer } from "@/test/fixtures";
import { setFaults } from "@/test/local-aws-faults";

// Finding 10: "a database that dies during key creation shows 'Nothing was changed' although the key was created".
// The portal reaches the real database through a TCP relay that this test can cut: the key's record and operation
// are committed, AWS is creating the key, and then the database goes away. The answer must not claim nothing changed.

const realUrl = new URL(process.env.DATABASE_URL ?? "");
const sockets = new Set<net.Socket>();
let relay: net.Server;
let relayPort = 0;

function startRelay(port: number): Promise<number> {
  relay = net.createServer((client) => {
    const upstream = net.connect(Number(realUrl.port || 5432), realUrl.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve) => relay.listen(port, "127.0.0.1", () => resolve((relay.address() as net.AddressInfo).port)));
}

function cutRelay(): Promise<void> {
  for (const s of sockets) s.destroy();
  return new Promise((resolve) => relay.close(() => resolve()));
}

describe("an action whose database dies part-way", () => {
  beforeAll(async () => {
    relayPort = await startRelay(0);
    const url = new URL(realUrl);
    url.hostname = "127.0.0.1";
    url.port = String(relayPort);
    process.env.DATABASE_URL = url.toString(); // before the first query: the portal's client connects through the relay
  });
  afterAll(async () => {
    await setFaults([]);
    relay.close();
  });

  it("says the outcome is unknown (not 'nothing was changed') when key creation loses the database after queueing", async () => {
    const customer = await newCustomer();
    const logged: string[] = [];
    const createKeyAction = createActionClient({ getActor: async () => customer, logError: (line) => logged.push(line) })("key.create")
      .input(createKeySchema)
      .handler(({ actor, input }) => createKey(actor, input));

    // AWS answers CreateApiKey slowly; the moment the portal sends it, the record and operation are committed: cut.
    await setFaults([{ operation: "CreateApiKey", latencyMs: 500 }]);
    let cut: Promise<void> | null = null;
    const onRequest = (message: unknown) => {
      const request = typeof message === "object" && message !== null && "request" in message ? message.request : null;
      if (request instanceof ClientRequest && request.method === "POST" && request.path.startsWith("/apikeys")) cut ??= cutRelay();
    };
    dc.subscribe("http.client.request.start", onRequest);
    const form = new FormData();
    form.append("name", "survivor");
    let result;
    try {
      result = await createKeyAction(form);
    } finally {
      dc.unsubscribe("http.client.request.start", onRequest);
    }
    expect(cut, "the database was cut while AWS created the key").not.toBeNull();
    await cut;

    expect(result).toEqual({ ok: false, error: { code: "unavailable", message: failureMessage.duringWork } });
    expect(result.ok ? "" : result.error.message).not.toMatch(/nothing was changed/i);
    expect(logged).toHaveLength(1);

    // The database is back: the key's record and its operation are there (the worker finishes or undoes it).
    await setFaults([]);
    await startRelay(relayPort);
    const { db } = await import("@/lib/db");
    const key = await db.apiKey.findFirst({ where: { customerId: customer.customerId, name: "survivor" }, include: { operations: true } });
    expect(key).not.toBeNull();
    expect(key?.operations.map((o) => o.kind)).toEqual(["CREATE_KEY"]);
  });
});
