import { describe, expect, it } from "vitest";
import { bucketsFor, slotFor, tatAfter, TokenBucket } from "@/lib/aws/control-plane-limits";

/** What the shared pacer does with its rows, in memory: one slot that every bucket of the call allows. */
function pacer(now: () => number) {
  const tats = new Map<string, number>();
  return (commandName: string) => {
    const buckets = bucketsFor(commandName).map((b) => ({ ...b, tat: tats.get(b.name) ?? 0 }));
    const slot = slotFor(buckets, now());
    for (const b of buckets) tats.set(b.name, tatAfter(b.tat, b.spec, slot));
    return Math.ceil(slot - now());
  };
}

describe("pacing AWS control-plane calls", () => {
  it("lets a burst through, then spaces calls at the rate", () => {
    let now = 0;
    const bucket = new TokenBucket({ ratePerSecond: 5, burst: 5 }, () => now);
    expect([1, 2, 3, 4, 5].map(() => bucket.reserve())).toEqual([0, 0, 0, 0, 0]);
    expect(bucket.reserve()).toBe(200);
    expect(bucket.reserve()).toBe(400);
    now = 1000; // five tokens refilled, two already promised
    expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBe(200);
  });

  it("refills no further than the burst", () => {
    let now = 0;
    const bucket = new TokenBucket({ ratePerSecond: 5, burst: 5 }, () => now);
    now = 60_000; // a minute idle still allows only five at once
    expect(Array.from({ length: 6 }, () => bucket.reserve())).toEqual([0, 0, 0, 0, 0, 200]);
  });

  it("holds CreateApiKey to 5 per second and everything to 10 per second after a burst of 40", () => {
    const reserve = pacer(() => 0);
    const creates = Array.from({ length: 10 }, () => reserve("CreateApiKeyCommand"));
    expect(creates.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(creates[9]).toBe(1000); // the 10th create waits a full second: 5 per second
    // The creates are charged to the account bucket when they go (0, 0, 0, 0, 0, 200, ..., 1000 ms), so a burst of
    // other calls right now fits in what is left of the 40: the last create's slot ends a tenth of a second later.
    const others = Array.from({ length: 30 }, () => reserve("GetApiKeyCommand"));
    expect(others[28]).toBe(0);
    expect(others[29]).toBe(100); // then one every 100 ms
    expect(reserve("GetApiKeyCommand")).toBe(200);
  });

  it("never lets more than burst + window × rate calls go in any window, whatever order they were reserved in", () => {
    let now = 0;
    const reserve = pacer(() => now);
    const slots: { name: string; at: number }[] = [];
    for (let i = 0; i < 300; i++) {
      now = i * 7; // calls asked for faster than allowed, creates and others mixed
      const name = i % 3 === 0 ? "CreateApiKeyCommand" : "GetApiKeyCommand";
      slots.push({ name, at: now + reserve(name) });
    }
    const most = (ats: number[], windowMs: number) =>
      Math.max(...ats.map((from) => ats.filter((at) => at >= from && at < from + windowMs).length));
    const all = slots.map((s) => s.at);
    const creates = slots.filter((s) => s.name === "CreateApiKeyCommand").map((s) => s.at);
    expect(most(all, 1000)).toBeLessThanOrEqual(40 + 10);
    expect(most(all, 10_000)).toBeLessThanOrEqual(40 + 100);
    expect(most(creates, 1000)).toBeLessThanOrEqual(5 + 5);
    expect(most(creates, 10_000)).toBeLessThanOrEqual(5 + 50);
  });

  it("allows one UpdateUsagePlan per 20 seconds", () => {
    const reserve = pacer(() => 0);
    expect(reserve("UpdateUsagePlanCommand")).toBe(0);
    expect(reserve("UpdateUsagePlanCommand")).toBe(20_000);
  });

  it("draws every call from the account bucket first, and the limited ones from their own too", () => {
    expect(bucketsFor("GetApiKeysCommand").map((b) => b.name)).toEqual(["account"]);
    expect(bucketsFor("DeleteApiKeyCommand").map((b) => b.name)).toEqual(["account", "DeleteApiKeyCommand"]);
  });
});
