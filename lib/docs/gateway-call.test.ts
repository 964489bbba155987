import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callGateway, MAX_RESPONSE_BYTES } from "@/lib/docs/gateway-call";

// A real HTTP server standing in for the gateway: it echoes what it received and misbehaves on request.
const KEY = "AbCdEfGhIjKlMnOpQrStUvWx0123456789";
let server: Server;
let base: string;
let redirectFollowed = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      if (path.startsWith("/echo")) {
        res.writeHead(200, { "content-type": "application/json", "set-cookie": "session=secret", "x-echo-key": String(req.headers["x-api-key"]) });
        res.end(JSON.stringify({ method: req.method, url: path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") }));
      } else if (path === "/redirect") {
        res.writeHead(302, { location: `${base}/stolen` });
        res.end();
      } else if (path === "/stolen") {
        redirectFollowed = true;
        res.writeHead(200).end("followed");
      } else if (path === "/large") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("x".repeat(MAX_RESPONSE_BYTES * 2));
      } else if (path === "/binary") {
        res.writeHead(200, { "content-type": "image/png" });
        res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      } else {
        res.writeHead(404, { "content-type": "application/json" }).end('{"message":"Not Found"}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const call = (path: string, extra: Partial<Parameters<typeof callGateway>[0]> = {}) =>
  callGateway({ url: new URL(`${base}${path}`), method: "GET", keyValue: KEY, headers: {}, body: "", ...extra });

describe("callGateway", () => {
  it("sends the key in x-api-key, the method, body and content type, and redacts the key if echoed", async () => {
    const result = await call("/echo?a=1", { method: "POST", body: '{"name":"Rex"}', headers: { "content-type": "application/json" } });
    if (!result.ok) throw new Error(result.error.message);
    const echoed = JSON.parse(result.data.body) as { method: string; url: string; headers: Record<string, string>; body: string };
    expect(echoed).toMatchObject({ method: "POST", url: "/echo?a=1", body: '{"name":"Rex"}' });
    expect(echoed.headers["x-api-key"]).toBe("[redacted API key]");
    expect(echoed.headers["content-type"]).toBe("application/json");
    expect(result.data.headers.map((h) => h.name)).not.toContain("set-cookie");
    expect(result.data.headers.map((h) => h.name)).not.toContain("x-echo-key");
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it("does not follow redirects (which would carry the key elsewhere)", async () => {
    const result = await call("/redirect");
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.status).toBe(302);
    expect(result.data.headers).toContainEqual({ name: "location", value: `${base}/stolen` });
    expect(redirectFollowed).toBe(false);
  });

  it("truncates large bodies at 100 kB and leaves binary bodies out", async () => {
    const large = await call("/large");
    if (!large.ok) throw new Error(large.error.message);
    expect(large.data.body.length).toBe(MAX_RESPONSE_BYTES);
    expect(large.data.truncated).toBe(true);
    const binary = await call("/binary");
    if (!binary.ok) throw new Error(binary.error.message);
    expect(binary.data).toMatchObject({ status: 200, body: "", binary: true, truncated: false });
  });

  it("reports an unreachable gateway as a network error", async () => {
    const result = await callGateway({ url: new URL("http://127.0.0.1:1/pets"), method: "GET", keyValue: KEY, headers: {}, body: "" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^Network error/);
  });
});
