import { describe, expect, it } from "vitest";
import { keyLimitReached, keysFitTier, roomForAnotherKey, tooManyKeysFor } from "@/lib/keys/key-limit";

describe("the tier's key limit", () => {
  const basic = { name: "Basic", maxKeys: 2 };
  it("leaves room for another key below the limit, and lets keys move to a tier they fit", () => {
    expect([0, 1, 2, 3].map((n) => roomForAnotherKey(n, basic))).toEqual([true, true, false, false]);
    expect([0, 1, 2, 3].map((n) => keysFitTier(n, basic))).toEqual([true, true, true, false]);
  });
  it("says why", () => {
    expect(keyLimitReached(basic)).toBe("The Basic tier allows 2 keys. Revoke one before creating another.");
    expect(tooManyKeysFor(basic, 3)).toBe("The Basic tier allows 2 keys and you have 3. Revoke some keys first.");
  });
});
