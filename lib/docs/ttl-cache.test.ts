import { describe, expect, it } from "vitest";
import { ttlCache } from "@/lib/docs/ttl-cache";

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("ttlCache", () => {
  it("loads once per TTL however many callers ask, including concurrently", async () => {
    const time = clock();
    let loads = 0;
    const cache = ttlCache(async () => ++loads, { ttlMs: 300_000, retryMs: 30_000, now: time.now });
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual([1, 1, 1]);
    time.advance(299_999);
    expect(await cache.get()).toBe(1);
    time.advance(1);
    expect(await cache.get()).toBe(2);
    expect(loads).toBe(2);
  });

  it("does not cache a first failure", async () => {
    let calls = 0;
    const cache = ttlCache(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error("AWS down");
        return "doc";
      },
      { ttlMs: 1000, retryMs: 100, now: clock().now },
    );
    await expect(cache.get()).rejects.toThrow("AWS down");
    expect(await cache.get()).toBe("doc");
  });

  it("serves the last good value when a refresh fails, and retries after retryMs", async () => {
    const time = clock();
    let fail = false;
    let version = 0;
    const cache = ttlCache(
      async () => {
        if (fail) throw new Error("AWS down");
        return ++version;
      },
      { ttlMs: 1000, retryMs: 100, now: time.now },
    );
    expect(await cache.get()).toBe(1);
    fail = true;
    time.advance(1000);
    expect(await cache.get()).toBe(1);
    fail = false;
    time.advance(99);
    expect(await cache.get()).toBe(1);
    time.advance(1);
    expect(await cache.get()).toBe(2);
  });
});
