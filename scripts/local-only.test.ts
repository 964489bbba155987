import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { assertLocalOnly, isLoopbackHost, localOnlyProblem, NotLocal } from "./lib/local-only";
import { root, typescript } from "./lib/processes";

const local = { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/gatehouse_ci", AWS_ENDPOINT_URL: "http://127.0.0.1:4566", AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local" };

describe("local-only guard", () => {
  it("accepts the embedded database, loopback databases, sockets and local AWS", () => {
    expect(localOnlyProblem({})).toBeUndefined();
    expect(localOnlyProblem(local)).toBeUndefined();
    for (const url of ["postgresql://u:p@localhost/db", "postgres://u@[::1]:5432/db", "postgresql://postgres:postgres@127.0.0.1:54329/postgres?sslmode=disable", "postgresql:///db?host=/var/run/postgresql"]) {
      expect(localOnlyProblem({ ...local, DATABASE_URL: url }), url).toBeUndefined();
    }
    expect(localOnlyProblem({ ...local, AWS_ENDPOINT_URL: "http://localhost:4566" })).toBeUndefined();
  });

  it("refuses a database on another machine", () => {
    for (const url of ["postgresql://gatehouse:pw@db.internal:5432/gatehouse", "postgresql://u@10.0.0.5/db", "postgresql://u@127.0.0.1.evil.example/db", "postgresql://u@0.0.0.0/db", "not a url"]) {
      expect(localOnlyProblem({ ...local, DATABASE_URL: url }), url).toMatch(/DATABASE_URL/);
    }
    expect(localOnlyProblem({ ...local, DATABASE_URL: "postgresql://u:pw@db.internal/db" })).toBe("DATABASE_URL points to db.internal, not to this machine (localhost, 127.0.0.1 or ::1)");
  });

  it("refuses real AWS: a remote endpoint, a profile, real-looking or role credentials, keys without a local endpoint", () => {
    expect(localOnlyProblem({ ...local, AWS_ENDPOINT_URL: "https://apigateway.eu-west-1.amazonaws.com" })).toMatch(/AWS_ENDPOINT_URL points to apigateway/);
    expect(localOnlyProblem({ ...local, AWS_ENDPOINT_URL_CLOUDWATCH: "https://monitoring.us-east-1.amazonaws.com" })).toMatch(/AWS_ENDPOINT_URL_CLOUDWATCH/);
    expect(localOnlyProblem({ ...local, AWS_PROFILE: "prod" })).toMatch(/AWS_PROFILE/);
    expect(localOnlyProblem({ ...local, AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE" })).toMatch(/real AWS key/);
    expect(localOnlyProblem({ ...local, AWS_SESSION_TOKEN: "x" })).toMatch(/AWS_SESSION_TOKEN/);
    expect(localOnlyProblem({ AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/token" })).toMatch(/role credentials/);
    expect(localOnlyProblem({ AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" })).toMatch(/without a local AWS_ENDPOINT_URL/);
  });

  it("throws one line naming what refused and why", () => {
    expect(() => assertLocalOnly(local, "the demo seed")).not.toThrow();
    let error: unknown;
    try {
      assertLocalOnly({ DATABASE_URL: "postgresql://u@db.example.com/db" }, "the integration tests");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NotLocal);
    expect((error as Error).message).toBe(
      "the integration tests: refused, DATABASE_URL points to db.example.com, not to this machine (localhost, 127.0.0.1 or ::1) (tests and the demo seed run only against a database on this machine and local AWS)",
    );
    expect((error as Error).message).not.toContain("\n");
  });

  it("knows loopback hosts", () => {
    expect(["localhost", "127.0.0.1", "127.5.0.1", "::1", "[::1]", "LOCALHOST"].every(isLoopbackHost)).toBe(true);
    expect(["0.0.0.0", "10.0.0.1", "::", "example.com", "localhost.example.com", "128.0.0.1"].some(isLoopbackHost)).toBe(false);
  });
});

describe("what the guard protects refuses a database on another machine, in one line, before connecting", () => {
  // .invalid never resolves: a run that tried to connect would fail differently (and slowly), not with this line.
  const remote = { ...process.env, ...local, DATABASE_URL: "postgresql://gatehouse:pw@db.example.invalid:5432/gatehouse" };
  const refusal = /refused, DATABASE_URL points to db\.example\.invalid, not to this machine/;
  const run = (args: string[]) => spawnSync(args[0] ?? "", args.slice(1), { cwd: root, env: remote, encoding: "utf8", timeout: 60_000 });

  it("the demo seed", { timeout: 60_000 }, () => {
    const seed = run([process.execPath, ...typescript("scripts/seed.ts", { serverCode: true }), "--demo"]);
    expect(seed.status).toBe(1);
    expect(seed.stderr.trim()).toMatch(new RegExp(`^\\[seed\\] the demo seed: ${refusal.source}[^\\n]*$`));
  });

  it("the integration tests", { timeout: 60_000 }, () => {
    const vitest = run([process.execPath, "node_modules/vitest/vitest.mjs", "run", "--project", "integration", "lib/health"]);
    expect(vitest.status).not.toBe(0);
    expect(vitest.stdout + vitest.stderr).toMatch(refusal);
  });

  it("the browser tests", { timeout: 60_000 }, () => {
    const playwright = run([process.execPath, "node_modules/@playwright/test/cli.js", "test", "--list"]);
    expect(playwright.status).toBe(1);
    expect(playwright.stdout + playwright.stderr).toMatch(refusal);
  });
});
