import { describe, expect, it } from "vitest";
import { describeApiVersion } from "@/lib/docs/api-version";

describe("describeApiVersion", () => {
  it("reads API Gateway's default timestamp as a publication date", () => {
    expect(describeApiVersion("2026-12-03T07:51:55.771Z")).toBe("Published December 3, 2026");
  });
  it("keeps a real version, without a doubled v", () => {
    expect(describeApiVersion("1.2.0")).toBe("Version 1.2.0");
    expect(describeApiVersion("v2")).toBe("Version 2");
    expect(describeApiVersion("2024-beta")).toBe("Version 2024-beta");
  });
  it("says nothing for an empty version", () => {
    expect(describeApiVersion("  ")).toBeNull();
  });
});
