import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ONLY_EVENTS, POLICY_ACTIONS } from "@/lib/policy/action-names";

// Every name in the union is used somewhere outside lib/policy: no permission that nothing checks, no audit event
// that nothing records. (The reverse, a name in use that is not in the union, does not compile.)
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || path === join("lib", "policy") ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe("action names", () => {
  const code = ["app", "lib", "scripts"].flatMap(sources).map((file) => readFileSync(file, "utf8")).join("\n");

  it.each([...POLICY_ACTIONS, ...AUDIT_ONLY_EVENTS])("%s is used outside the policy module", (name) => {
    expect(code).toContain(`"${name}"`);
  });
});
