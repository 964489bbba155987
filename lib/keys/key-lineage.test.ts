import { describe, expect, it } from "vitest";
import { groupKeyLineage, type LineageKey } from "@/lib/keys/key-lineage";

const key = (id: string, status: LineageKey["status"], rotatedFromId: string | null = null): LineageKey => ({ id, status, rotatedFromId });

describe("key lineage", () => {
  it("nests a rotated key's predecessor under the new key: one row per key", () => {
    const grouped = groupKeyLineage([key("new", "ACTIVE", "old"), key("other", "ACTIVE"), key("old", "ACTIVE")]);
    expect(grouped.rows.map((r) => [r.key.id, r.previous.map((p) => p.id)])).toEqual([
      ["new", ["old"]],
      ["other", []],
    ]);
    expect(grouped.revoked).toEqual([]);
  });

  it("keeps the nesting while the new key is provisioned, and after the old key is disabled", () => {
    expect(groupKeyLineage([key("new", "PENDING", "old"), key("old", "ACTIVE")]).rows.map((r) => [r.key.id, r.previous.map((p) => p.id)])).toEqual([["new", ["old"]]]);
    expect(groupKeyLineage([key("new", "ACTIVE", "old"), key("old", "DISABLED")]).rows.map((r) => [r.key.id, r.previous.map((p) => p.id)])).toEqual([["new", ["old"]]]);
  });

  it("follows a chain of rotations, newest first", () => {
    const grouped = groupKeyLineage([key("c", "ACTIVE", "b"), key("b", "ACTIVE", "a"), key("a", "DISABLED")]);
    expect(grouped.rows.map((r) => [r.key.id, r.previous.map((p) => p.id)])).toEqual([["c", ["b", "a"]]]);
  });

  it("puts revoked keys in the history, and a predecessor stands alone when its replacement failed or was revoked", () => {
    const revokedNew = groupKeyLineage([key("new", "REVOKED", "old"), key("old", "ACTIVE")]);
    expect(revokedNew.rows.map((r) => [r.key.id, r.previous.length])).toEqual([["old", 0]]);
    expect(revokedNew.revoked.map((k) => k.id)).toEqual(["new"]);

    const failedNew = groupKeyLineage([key("new", "FAILED", "old"), key("old", "ACTIVE")]);
    expect(failedNew.rows.map((r) => [r.key.id, r.previous.length])).toEqual([
      ["new", 0],
      ["old", 0],
    ]);

    const revokedOld = groupKeyLineage([key("new", "ACTIVE", "old"), key("old", "REVOKED")]);
    expect(revokedOld.rows.map((r) => [r.key.id, r.previous.length])).toEqual([["new", 0]]);
    expect(revokedOld.revoked.map((k) => k.id)).toEqual(["old"]);
  });

  it("nests a predecessor under one key only, the first listed (newest), and never loops", () => {
    const retried = groupKeyLineage([key("second", "ACTIVE", "old"), key("first", "ACTIVE", "old"), key("old", "ACTIVE")]);
    expect(retried.rows.map((r) => [r.key.id, r.previous.map((p) => p.id)])).toEqual([
      ["second", ["old"]],
      ["first", []],
    ]);
    const loop = groupKeyLineage([key("x", "ACTIVE", "y"), key("y", "ACTIVE", "x")]);
    expect(loop.rows.length).toBeLessThanOrEqual(1);
  });
});
