import { describe, expect, it } from "vitest";
import { backoffMs } from "@/lib/operations/backoff";

describe("backoffMs", () => {
  it("doubles from 2 s and caps at 5 minutes", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 9, 10].map((a) => backoffMs(a, mid))).toEqual([2000, 4000, 8000, 16000, 300000, 300000]);
  });
  it("spreads retries by ±20%", () => {
    expect(backoffMs(1, () => 0)).toBe(1600);
    expect(backoffMs(1, () => 1)).toBe(2400);
  });
});
