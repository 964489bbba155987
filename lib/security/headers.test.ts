import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, pageSecurityHeaders, STRICT_TRANSPORT_SECURITY } from "@/lib/security/headers";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));

describe("pageSecurityHeaders", () => {
  it("behind https: HSTS for two years with subdomains, and insecure requests upgraded", () => {
    const headers = pageSecurityHeaders({ nonce: "abc", https: true, development: false });
    expect(headers["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(STRICT_TRANSPORT_SECURITY).toBe("max-age=63072000; includeSubDomains");
    expect(directives(headers["Content-Security-Policy"] ?? "").has("upgrade-insecure-requests")).toBe(true);
  });

  it("over http (localhost): no HSTS and nothing to upgrade to", () => {
    const headers = pageSecurityHeaders({ nonce: "abc", https: false, development: false });
    expect(headers).not.toHaveProperty("Strict-Transport-Security");
    expect(directives(headers["Content-Security-Policy"] ?? "").has("upgrade-insecure-requests")).toBe(false);
  });
});

describe("contentSecurityPolicy", () => {
  it("in production allows scripts and style elements by nonce only, and no eval", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "n0nce", https: true, development: false }));
    expect(policy.get("script-src")).toBe("'self' 'nonce-n0nce' 'strict-dynamic'");
    expect(policy.get("style-src")).toBe("'self' 'nonce-n0nce'");
    expect(policy.get("style-src-attr")).toBe("'unsafe-inline'");
    expect(policy.get("default-src")).toBe("'self'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("form-action")).toBe("'self'");
    expect(policy.get("base-uri")).toBe("'self'");
    expect(policy.get("connect-src")).toBe("'self'");
    expect(policy.get("img-src")).toBe("'self' data: blob:");
    expect(policy.get("font-src")).toBe("'self'");
  });

  it("in development adds what React's debugging and the dev overlay need", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "n0nce", https: false, development: true }));
    expect(policy.get("script-src")).toBe("'self' 'nonce-n0nce' 'strict-dynamic' 'unsafe-eval'");
    expect(policy.get("style-src")).toBe("'self' 'unsafe-inline'");
  });

  it("lets images load from the brand logo's origin, and nothing else beyond the portal", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "n0nce", https: true, development: false, imageOrigins: ["https://cdn.acme.example"] }));
    expect(policy.get("img-src")).toBe("'self' data: blob: https://cdn.acme.example");
    expect(policy.get("default-src")).toBe("'self'");
  });
});

describe("createNonce", () => {
  it("is 128 random bits in base64, new every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
