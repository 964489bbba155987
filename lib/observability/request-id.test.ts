import { describe, expect, it } from "vitest";
import { requestIdFor } from "@/lib/observability/request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("request ids", () => {
  it("keeps a well-formed incoming id (a load balancer's or the client's)", () => {
    expect(requestIdFor("Root=1-67891233-abcdef012345678912345678")).toBe("Root=1-67891233-abcdef012345678912345678");
    expect(requestIdFor("7f3c2a")).toBe("7f3c2a");
  });

  it("makes a new one when none came, or one that could forge a log line or is too long", () => {
    expect(requestIdFor(null)).toMatch(UUID);
    expect(requestIdFor("")).toMatch(UUID);
    expect(requestIdFor('abc"\n{"level":"fatal"}')).toMatch(UUID);
    expect(requestIdFor("x".repeat(129))).toMatch(UUID);
    expect(requestIdFor(null)).not.toBe(requestIdFor(null));
  });
});
