import { describe, expect, it } from "vitest";
import { ControlPlanePacer, TokenBucket } from "@/lib/aws/control-plane-limits";

describe("pacing AWS control-plane calls", () => {
  it("lets a burst through, then spaces calls at the rate", () => {
    let now = 0;
    const bucket = new TokenBucket({ ratePerSecond: 5, burst: 5 }, () => now);
    expect([1, 2, 3, 4, 5].map(() => bucket.reserve())).toEqual([0, 0, 0, 0, 0]);
    expect(bucket.reserve()).toBe(200);
    expect(bucket.reserve()).toBe(400);
    now = 1000; // five tokens refilled, two already promised
    expect(bucket.reserve()).toBe(0);
  });

  it("holds CreateApiKey to 5 per second and everything to 10 per second after a burst of 40", () => {
    const now = 0;
    const pacer = new ControlPlanePacer(() => now);
    const creates = Array.from({ length: 10 }, () => pacer.reserve("CreateApiKeyCommand"));
    expect(creates.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(creates[9]).toBe(1000); // the 10th create waits a full second: 5 per second
    const others = Array.from({ length: 31 }, () => pacer.reserve("GetApiKeyCommand"));
    expect(others[29]).toBe(0); // 10 + 30 = 40, the burst
    expect(others[30]).toBe(100); // then one every 100 ms
  });

  it("allows one UpdateUsagePlan per 20 seconds", () => {
    const pacer = new ControlPlanePacer(() => 0);
    expect(pacer.reserve("UpdateUsagePlanCommand")).toBe(0);
    expect(pacer.reserve("UpdateUsagePlanCommand")).toBe(20_000);
  });
});
