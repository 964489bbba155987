import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";

const origin = "http://portal.test:3000";

describe("safeRedirectPath", () => {
  it.each([
    ["/dashboard", "/dashboard"],
    ["/dashboard/usage?range=30d#chart", "/dashboard/usage?range=30d#chart"],
    ["/admin/customers?q=acme+corp", "/admin/customers?q=acme+corp"],
    [`${origin}/dashboard`, "/dashboard"],
  ])("keeps the same-site target %s", (target, expected) => {
    expect(safeRedirectPath(target, origin)).toBe(expected);
  });

  it.each([
    "/\\evil.example/x",
    "/%5Cevil.example/x",
    "/%5cevil.example/x",
    "/%255Cevil.example/x",
    "/\tevil.example/x",
    "/%09/evil.example/x",
    "/%2509/evil.example/x",
    "/\n/evil.example/x",
    "/%0A/evil.example/x",
    "/%0d%0a/evil.example/x",
    "/ /evil.example/x",
    "/%20/evil.example/x",
    "/\u200b/evil.example/x",
    "//evil.example/x",
    "/%2F/evil.example/x",
    "/%2f%2fevil.example/x",
    "///evil.example/x",
    "\\\\evil.example/x",
    "https://evil.example/x",
    "http://portal.test:3001/x",
    "https://portal.test:3000/x",
    "http://portal.test:3000@evil.example/x",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "/%E0%A4%A",
    "",
    "/" + "a".repeat(3000),
  ])("refuses %j", (target) => {
    expect(safeRedirectPath(target, origin)).toBe("/home");
  });

  it("refuses what is not a string", () => {
    expect(safeRedirectPath(undefined, origin)).toBe("/home");
    expect(safeRedirectPath(["/dashboard"], origin, "/")).toBe("/");
  });
});
