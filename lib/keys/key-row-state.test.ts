import { describe, expect, it } from "vitest";
import { keyRowState, keyStateLabel, keyStateTone } from "@/lib/keys/key-row-state";

const now = new Date("2026-11-24T12:00:00.000Z");
const inGrace = new Date(now.getTime() + 23.9 * 3600_000);
const label = (input: Parameters<typeof keyRowState>[0]) => keyStateLabel(keyRowState(input), now);

describe("a key row's state", () => {
  it("names each state", () => {
    expect(label({ status: "ACTIVE", graceEndsAt: null, quota: null, previous: [] })).toBe("Active");
    expect(label({ status: "DISABLED", graceEndsAt: null, quota: null, previous: [] })).toBe("Disabled");
    expect(label({ status: "PENDING", graceEndsAt: null, quota: null, previous: [] })).toBe("Provisioning…");
    expect(label({ status: "FAILED", graceEndsAt: null, quota: null, previous: [] })).toBe("Failed");
    expect(label({ status: "ACTIVE", graceEndsAt: null, quota: { reached: true, resetsAt: now }, previous: [] })).toBe("Quota reached");
    expect(label({ status: "ACTIVE", graceEndsAt: null, quota: null, previous: [{ status: "ACTIVE", graceEndsAt: inGrace }] })).toBe("Rotating — old key ends in 23 h");
    expect(label({ status: "ACTIVE", graceEndsAt: inGrace, quota: null, previous: [] })).toBe("Replaced — ends in 23 h");
  });

  it("is no longer rotating once the old key is disabled, and a used-up quota comes first", () => {
    expect(label({ status: "ACTIVE", graceEndsAt: null, quota: null, previous: [{ status: "DISABLED", graceEndsAt: inGrace }] })).toBe("Active");
    const both = keyRowState({ status: "ACTIVE", graceEndsAt: null, quota: { reached: true, resetsAt: now }, previous: [{ status: "ACTIVE", graceEndsAt: inGrace }] });
    expect(both.kind).toBe("quota_reached");
    expect(keyStateTone(both)).toBe("danger");
    // A disabled key is disabled, whatever its quota.
    expect(label({ status: "DISABLED", graceEndsAt: null, quota: { reached: true, resetsAt: now }, previous: [] })).toBe("Disabled");
  });
});
