import { describe, expect, it } from "vitest";
import { explainStatus } from "@/lib/docs/explain-status";

describe("explainStatus", () => {
  const none = { errorType: null, message: null };
  it("explains the gateway's refusals", () => {
    expect(explainStatus({ status: 403, errorType: "ForbiddenException", message: "Forbidden" }, null)).toBe("Forbidden: this key is disabled or not in your plan.");
    expect(explainStatus({ status: 429, errorType: "TooManyRequestsException", message: "Too Many Requests" }, null)).toMatch(/^Too Many Requests: you hit your rate limit/);
    expect(explainStatus({ status: 429, errorType: "LimitExceededException", message: "Limit Exceeded" }, new Date("2026-12-01T00:00:00Z"))).toBe(
      "Limit Exceeded: your quota is used up until 2026-12-01 00:00 UTC.",
    );
    expect(explainStatus({ status: 429, errorType: null, message: "Limit Exceeded" }, null)).toMatch(/^Limit Exceeded: your quota is used up until your plan/);
  });

  it("explains server failures and stays quiet otherwise", () => {
    expect(explainStatus({ status: 500, ...none }, null)).toMatch(/^Server error \(500\)/);
    expect(explainStatus({ status: 504, ...none }, null)).toMatch(/^Gateway Timeout/);
    for (const status of [200, 201, 204, 301, 400, 404]) expect(explainStatus({ status, ...none }, null)).toBeNull();
  });
});
