import { describe, expect, it } from "vitest";
import { formatApiVersion } from "@/lib/format/version";

describe("formatApiVersion", () => {
  it("shows a timestamp as the day it was updated", () => {
    expect(formatApiVersion("2026-12-03T07:51:55.771Z")).toBe("Updated 3 Dec 2026");
    expect(formatApiVersion("2026-12-03")).toBe("Updated 3 Dec 2026");
  });
  it("keeps a real version and omits an empty one", () => {
    expect(formatApiVersion("1.0.2")).toBe("Version 1.0.2");
    expect(formatApiVersion("2026-12")).toBe("Version 2026-12");
    expect(formatApiVersion("  ")).toBeNull();
    expect(formatApiVersion(null)).toBeNull();
  });
});
