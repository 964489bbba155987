import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { getUsagePlan, listApiStages } from "@/lib/aws/usage-plans";
import { db } from "@/lib/db";
import { metrics } from "@/lib/observability/metrics";
import { metricsResponse } from "@/lib/observability/metrics-endpoint";
import { setFaults } from "@/test/local-aws-faults";

// Every metric moves when its event happens, against the real database and local AWS. One attempt per AWS call
// (the client is built in this file, after this line), so each call counts exactly once.
process.env.AWS_MAX_ATTEMPTS = "1";

const TOKEN = "metrics-test-token-0123456789abcdef";

async function counterValue(name: "awsCalls" | "signInFailures", labels: Record<string, string>): Promise<number> {
  const { values } = await metrics()[name].get();
  return values.find((v) => Object.entries(labels).every(([k, want]) => (v.labels as Record<string, unknown>)[k] === want))?.value ?? 0;
}

describe("metrics", () => {
  afterAll(() => setFaults([]));

  it("count a failed sign-in by its reason", async () => {
    const before = await counterValue("signInFailures", { reason: "mismatch" });
    const outcome = await attemptSignIn({ email: `nobody-${randomUUID()}@example.com`, password: "not-the-password", clientAddress: `203.0.113.${Math.floor(Math.random() * 250)}` });
    expect(outcome).toEqual({ ok: false, reason: "mismatch" });
    expect((await counterValue("signInFailures", { reason: "mismatch" })) - before).toBe(1);
  });

  it("count an AWS call that local AWS throttles (429) as throttled, one it refuses as an error, and answers as ok", async () => {
    const throttled = { service: "apigateway", command: "GetUsagePlanCommand", outcome: "throttled" };
    const failed = { ...throttled, outcome: "error" };
    const ok = { service: "apigateway", command: "GetRestApisCommand", outcome: "ok" };
    const before = await Promise.all([counterValue("awsCalls", throttled), counterValue("awsCalls", failed), counterValue("awsCalls", ok)]);

    await setFaults([{ operation: "GetUsagePlan", errorRate: 1, kind: "throttle" }]);
    await expect(getUsagePlan("no-such-plan")).rejects.toMatchObject({ name: "TooManyRequestsException" });
    await setFaults([]);
    await expect(getUsagePlan("no-such-plan")).rejects.toMatchObject({ name: "NotFoundException" });
    await listApiStages();

    const after = await Promise.all([counterValue("awsCalls", throttled), counterValue("awsCalls", failed), counterValue("awsCalls", ok)]);
    expect(after.map((value, i) => value - (before[i] ?? 0))).toEqual([1, 1, 1]);
  });

  describe("the operations queue", () => {
    let id: string | undefined;
    beforeAll(async () => {
      // Not due for a day and no customer: no worker or test claims it while this runs.
      const runAfter = new Date(Date.now() + 86_400_000);
      id = (await db.operation.create({ data: { kind: "RETIRE_TIER", input: {}, runAfter }, select: { id: true } })).id;
    });
    afterAll(() => db.operation.deleteMany({ where: { id } }));

    it("shows in the scrape, with the other metrics, only with the token", async () => {
      expect((await metricsResponse(null, TOKEN)).status).toBe(401);
      const response = await metricsResponse(`Bearer ${TOKEN}`, TOKEN);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toMatch(/^text\/plain/);
      const text = await response.text();
      const queued = await db.operation.count({ where: { status: "QUEUED", kind: "RETIRE_TIER" } });
      expect(text).toContain(`gatehouse_operations{status="QUEUED",kind="RETIRE_TIER"} ${queued}`);
      expect(text).toMatch(/gatehouse_sign_in_failures_total\{reason="mismatch"\} [1-9]/);
      expect(text).toMatch(/gatehouse_aws_calls_total\{service="apigateway",command="GetUsagePlanCommand",outcome="throttled",shard="default"\} [1-9]/);
      expect(text).toContain("gatehouse_process_cpu_seconds_total");
    });
  });
});
