import { describe, expect, it } from "vitest";
import { clientAddress, PEER_ADDRESS_HEADER } from "@/lib/auth/client-address";

describe("clientAddress", () => {
  const headers = (forwarded: string | undefined, peer = "203.0.113.9") => new Headers({ ...(forwarded ? { "x-forwarded-for": forwarded } : {}), [PEER_ADDRESS_HEADER]: peer });

  it("without a trusted proxy, ignores a forged X-Forwarded-For and uses the connection's address", () => {
    expect(clientAddress(headers("1.2.3.4"), 0)).toBe("203.0.113.9");
    expect(clientAddress({ "x-forwarded-for": "1.2.3.4", [PEER_ADDRESS_HEADER]: "::ffff:10.0.0.7" }, 0)).toBe("10.0.0.7");
  });

  it("behind N trusted proxies, takes the entry N places from the right (what our outermost proxy saw)", () => {
    expect(clientAddress(headers("forged, 198.51.100.4"), 1)).toBe("198.51.100.4");
    expect(clientAddress(headers("forged, 198.51.100.4, 10.0.0.2"), 2)).toBe("198.51.100.4");
  });

  it("falls back to the connection when the header is shorter than the proxy chain, and says unknown without either", () => {
    expect(clientAddress(headers(undefined), 1)).toBe("203.0.113.9");
    expect(clientAddress({}, 0)).toBe("unknown");
    expect(clientAddress({ [PEER_ADDRESS_HEADER]: "x".repeat(500) }, 0)).toHaveLength(64);
  });
});

describe("installPeerAddressHeader", () => {
  it("records the connection's address on every request, over whatever the client sent under that name", async () => {
    const { installPeerAddressHeader } = await import("@/lib/auth/client-address");
    const { createServer, request } = await import("node:http");
    await installPeerAddressHeader();
    await installPeerAddressHeader(); // idempotent
    const server = createServer((req, res) => res.end(JSON.stringify(req.headers)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const seen = await new Promise<Record<string, string>>((resolve, reject) => {
      request({ port, host: "127.0.0.1", headers: { [PEER_ADDRESS_HEADER]: "6.6.6.6", "x-forwarded-for": "6.6.6.6" } }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve(JSON.parse(body) as Record<string, string>));
      })
        .on("error", reject)
        .end();
    });
    server.close();
    expect(seen[PEER_ADDRESS_HEADER]).toBe("127.0.0.1");
    expect(clientAddress(seen, 0)).toBe("127.0.0.1");
    expect(clientAddress(seen, 1)).toBe("6.6.6.6"); // only when the operator says a proxy of theirs wrote it
  });
});
