import { describe, expect, it } from "vitest";
import { fillPath, matchesTemplate, parseTemplate, pathParamNames } from "@/lib/docs/path-template";

describe("path templates", () => {
  it("parse literal, parameter and greedy segments", () => {
    expect(parseTemplate("/pets/{id}")).toEqual([
      { kind: "literal", value: "pets" },
      { kind: "param", name: "id", greedy: false },
    ]);
    expect(parseTemplate("/files/{proxy+}")?.[1]).toEqual({ kind: "param", name: "proxy", greedy: true });
    expect(parseTemplate("/")).toEqual([]);
    for (const bad of ["pets", "/pets//x", "/{proxy+}/x", "/a{b}", "/pets/"]) expect(parseTemplate(bad), bad).toBeNull();
    expect(pathParamNames("/owners/{ownerId}/pets/{petId}")).toEqual(["ownerId", "petId"]);
  });

  it("fill parameters percent-encoded, leaving empty ones as placeholders", () => {
    expect(fillPath("/pets/{id}", { id: "7" })).toBe("/pets/7");
    expect(fillPath("/pets/{id}", { id: "../admin?x=1#y" })).toBe("/pets/..%2Fadmin%3Fx%3D1%23y");
    expect(fillPath("/pets/{id}", { id: "" })).toBe("/pets/{id}");
    expect(fillPath("/files/{path+}", { path: "/a b/c.txt" })).toBe("/files/a%20b/c.txt");
    expect(fillPath("/", {})).toBe("/");
  });

  it("match filled paths segment by segment", () => {
    expect(matchesTemplate("/pets/{id}", "/pets/7")).toBe(true);
    expect(matchesTemplate("/pets/{id}", "/pets")).toBe(false);
    expect(matchesTemplate("/pets/{id}", "/pets/7/x")).toBe(false);
    expect(matchesTemplate("/pets/{id}", "/cats/7")).toBe(false);
    expect(matchesTemplate("/pets/{id}", fillPath("/pets/{id}", { id: "../admin" }))).toBe(false);
    expect(matchesTemplate("/files/{p+}", "/files/a/b")).toBe(true);
    expect(matchesTemplate("/files/{p+}", "/files/a/../b")).toBe(false);
    expect(matchesTemplate("/", "/")).toBe(true);
  });
});
