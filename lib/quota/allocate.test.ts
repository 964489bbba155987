import { describe, expect, it } from "vitest";
import { allocateRemaining, rebalanceReason } from "@/lib/quota/allocate";

describe("allocateRemaining", () => {
  it("splits the pool in equal shares that add up to exactly the pool, odd requests to the busiest keys", () => {
    const shares = allocateRemaining(1003, [
      { id: "a", used: 5 },
      { id: "b", used: 90 },
      { id: "c", used: 0 },
      { id: "d", used: 90 },
    ]);
    expect(Object.fromEntries(shares)).toEqual({ b: 251, d: 251, a: 251, c: 250 });
    expect([...shares.values()].reduce((s, n) => s + n, 0)).toBe(1003);
  });

  it("gives nothing below zero, and nothing to split over no keys", () => {
    expect(Object.fromEntries(allocateRemaining(-40, [{ id: "a", used: 1 }, { id: "b", used: 2 }]))).toEqual({ a: 0, b: 0 });
    expect(allocateRemaining(500, []).size).toBe(0);
  });

  it("is deterministic whatever the order of the keys", () => {
    const keys = [
      { id: "k3", used: 7 },
      { id: "k1", used: 7 },
      { id: "k2", used: 7 },
    ];
    const one = Object.fromEntries(allocateRemaining(11, keys));
    const other = Object.fromEntries(allocateRemaining(11, [...keys].reverse()));
    expect(one).toEqual(other);
    expect(one).toEqual({ k1: 4, k2: 4, k3: 3 });
  });
});

describe("rebalanceReason", () => {
  const keys = (...remaining: number[]) => remaining.map((r, i) => ({ id: `k${i}`, remaining: r }));

  it("leaves a customer alone while the keys cannot together pass the pool", () => {
    expect(rebalanceReason({ quota: 1000, used: 600, keys: keys(200, 200), changedThisPeriod: false })).toBeNull();
  });

  it("rebalances an over-allocated customer past half the quota (a period reset gives every key the full quota)", () => {
    expect(rebalanceReason({ quota: 1000, used: 500, keys: keys(900, 600), changedThisPeriod: false })).toBe("over-allocated");
  });

  it("leaves an over-allocated customer under half the quota alone, unless a key changed this period", () => {
    const pool = { quota: 1000, used: 100, keys: keys(1000, 900) };
    expect(rebalanceReason({ ...pool, changedThisPeriod: false })).toBeNull();
    expect(rebalanceReason({ ...pool, changedThisPeriod: true })).toBe("over-allocated");
  });

  it("relieves a starving key while the pool has requests left, and not once the pool is spent", () => {
    expect(rebalanceReason({ quota: 1000, used: 700, keys: keys(0, 300), changedThisPeriod: false })).toBe("starving");
    expect(rebalanceReason({ quota: 1000, used: 1000, keys: keys(0, 0), changedThisPeriod: true })).toBeNull();
  });

  it("has nothing to do for a customer without keys in the plan", () => {
    expect(rebalanceReason({ quota: 1000, used: 2000, keys: [], changedThisPeriod: true })).toBeNull();
  });
});
