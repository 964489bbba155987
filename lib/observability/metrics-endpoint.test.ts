import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { metricsAccess, metricsResponse } from "@/lib/observability/metrics-endpoint";

const TOKEN = "0123456789abcdef0123456789abcdef";
const BASE = { DATABASE_URL: "postgresql://localhost/gatehouse", NEXTAUTH_SECRET: "x".repeat(32) };

describe("metrics access", () => {
  it("is off without a token, and needs exactly the token otherwise", () => {
    expect(metricsAccess(`Bearer ${TOKEN}`, undefined)).toBe("disabled");
    expect(metricsAccess(`Bearer ${TOKEN}`, TOKEN)).toBe("allowed");
    expect(metricsAccess(`bearer ${TOKEN}`, TOKEN)).toBe("allowed");
    expect(metricsAccess(null, TOKEN)).toBe("refused");
    expect(metricsAccess(`Bearer ${TOKEN}x`, TOKEN)).toBe("refused");
    expect(metricsAccess(`Basic ${TOKEN}`, TOKEN)).toBe("refused");
    expect(metricsAccess("Bearer ", TOKEN)).toBe("refused");
  });

  it("answers 404 when off, 401 with a challenge when refused", async () => {
    expect((await metricsResponse(`Bearer ${TOKEN}`, undefined)).status).toBe(404);
    const refused = await metricsResponse("Bearer wrong", TOKEN);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    expect(await refused.text()).not.toContain("gatehouse_");
  });
});

describe("metrics configuration", () => {
  it("accepts a long token and a worker port with it", () => {
    const env = parseEnv({ ...BASE, GATEHOUSE_METRICS_TOKEN: TOKEN, GATEHOUSE_WORKER_METRICS_PORT: "9464" });
    expect(env.GATEHOUSE_METRICS_TOKEN).toBe(TOKEN);
    expect(env.GATEHOUSE_WORKER_METRICS_PORT).toBe(9464);
    expect(parseEnv({ ...BASE, GATEHOUSE_METRICS_TOKEN: "" }).GATEHOUSE_METRICS_TOKEN).toBeUndefined();
  });

  it("refuses a short token, and a worker port without a token", () => {
    expect(() => parseEnv({ ...BASE, GATEHOUSE_METRICS_TOKEN: "short" })).toThrow(/GATEHOUSE_METRICS_TOKEN/);
    expect(() => parseEnv({ ...BASE, GATEHOUSE_METRICS_TOKEN: `${TOKEN} with spaces` })).toThrow(/GATEHOUSE_METRICS_TOKEN/);
    expect(() => parseEnv({ ...BASE, GATEHOUSE_WORKER_METRICS_PORT: "9464" })).toThrow(/needs GATEHOUSE_METRICS_TOKEN/);
    expect(() => parseEnv({ ...BASE, GATEHOUSE_METRICS_TOKEN: TOKEN, GATEHOUSE_WORKER_METRICS_PORT: "99999" })).toThrow(/GATEHOUSE_WORKER_METRICS_PORT/);
  });
});
