import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, errorFields } from "@/lib/observability/log";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger({ service: "test", level: "info", destination }), lines };
}

describe("the logger", () => {
  it("writes one JSON object per line with level, time, service and message", () => {
    const { log, lines } = capture();
    log.child({ component: "worker", requestId: "req-1" }).info({ operations: 3 }, "ran operations");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", service: "test", component: "worker", requestId: "req-1", operations: 3, msg: "ran operations" });
    expect(typeof lines[0]?.time).toBe("string");
  });

  it("never writes passwords, tokens, secrets, cookies or key values, at any of the first three levels", () => {
    const { log, lines } = capture();
    const secrets = {
      password: "hunter2-password",
      token: "tok-123456",
      apiKey: "AKVALUE1234567890",
      value: "key-value-abcdef",
      authorization: "Bearer abc.def",
      headers: { cookie: "next-auth.session-token=xyz", "x-api-key": "XAPIKEY987", Authorization: "Bearer zzz" },
      form: { newPassword: "n3w-passw0rd", nested: { secretAccessKey: "AWSSECRET", clientSecret: "oidc-secret" } },
      NEXTAUTH_SECRET: "nextauth-secret-value",
      DATABASE_URL: "postgresql://u:dbpass@h/db",
    };
    log.info(secrets, "a request");
    const line = JSON.stringify(lines[0]);
    for (const secret of ["hunter2", "tok-123456", "AKVALUE", "key-value-abcdef", "abc.def", "xyz", "XAPIKEY", "zzz", "n3w-passw0rd", "AWSSECRET", "oidc-secret", "nextauth-secret-value", "dbpass"]) {
      expect(line).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({ password: "[redacted]", headers: { cookie: "[redacted]" }, form: { nested: { secretAccessKey: "[redacted]" } } });
  });

  it("keeps the fields that are not secret", () => {
    const { log, lines } = capture();
    log.info({ customerId: "c1", keyId: "k1", status: 200 }, "done");
    expect(lines[0]).toMatchObject({ customerId: "c1", keyId: "k1", status: 200 });
  });

  it("logs an error by class, message and AWS status only", () => {
    const error = Object.assign(new Error("Rate exceeded"), { name: "TooManyRequestsException", $metadata: { httpStatusCode: 429 }, $response: { body: "x" } });
    expect(errorFields(error)).toEqual({ err: { name: "TooManyRequestsException", message: "Rate exceeded", status: 429 } });
    expect(errorFields("boom")).toEqual({ err: { name: "unknown", message: "unknown error" } });
  });

  it("writes an Error logged as it is the same way: no stack, nothing it carries", () => {
    const { log, lines } = capture();
    const error = Object.assign(new Error("query failed"), { query: "SELECT secret_column", $response: { body: "raw" } });
    log.error(error);
    log.error({ err: error }, "with a message");
    for (const line of lines) expect(line.err).toEqual({ name: "Error", message: "query failed" });
    expect(JSON.stringify(lines)).not.toMatch(/secret_column|raw|at .*log\.test/);
  });
});
