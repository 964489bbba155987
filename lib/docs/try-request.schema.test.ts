import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, tryRequestSchema } from "@/lib/docs/try-request.schema";

const routes = [
  { method: "GET", path: "/pets" },
  { method: "POST", path: "/pets" },
  { method: "GET", path: "/pets/{id}" },
  { method: "GET", path: "/files/{proxy+}" },
  { method: "DELETE", path: "/owners/{ownerId}/pets/{petId}" },
];
const schema = tryRequestSchema(routes);
const base = { keyId: "ckey123", method: "GET", path: "/pets" };

function errorsOf(input: Record<string, unknown>): Record<string, string[]> {
  const result = schema.safeParse({ ...base, ...input });
  if (result.success) return {};
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (errors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  return errors;
}

describe("the try-request schema", () => {
  it("accepts documented methods on filled path templates, with defaults for the optional parts", () => {
    expect(schema.parse(base)).toEqual({ ...base, query: [], headers: {}, body: "" });
    for (const [method, path] of [
      ["GET", "/pets/7"],
      ["GET", "/pets/rex%20the%20dog"],
      ["GET", "/pets/caf%C3%A9"],
      ["GET", "/files/a/b/c.txt"],
      ["DELETE", "/owners/o-1/pets/p_2"],
    ]) {
      expect(errorsOf({ method, path }), `${method} ${path}`).toEqual({});
    }
  });

  it("accepts a JSON body up to 10 kB with a content type, and query parameters", () => {
    const body = JSON.stringify({ name: "Rex", notes: "x".repeat(MAX_BODY_BYTES - 40) }, null, 2);
    const parsed = schema.parse({ ...base, method: "POST", body, headers: { "Content-Type": "application/json; charset=utf-8", Accept: "application/json" }, query: [{ name: "limit", value: "10" }] });
    expect(parsed.headers).toEqual({ "content-type": "application/json; charset=utf-8", accept: "application/json" });
    expect(parsed.body).toBe(body);
  });

  it("rejects traversal, protocol-relative and absolute URLs as the path", () => {
    for (const path of [
      "../pets",
      "/../pets",
      "/pets/..",
      "/pets/../admin",
      "/pets/.",
      "/pets/%2e%2e",
      "/pets/%2E%2e",
      "/files/a/../../etc/passwd",
      "/files/a/%2e%2e/b",
      "//evil.example.com/pets",
      "//evil",
      "http://evil.example.com/pets",
      "https://169.254.169.254/latest/meta-data",
      "file:///etc/passwd",
      "evil.example.com/pets",
      "@evil.example.com/pets",
      "/pets\\..\\admin",
    ]) {
      expect(errorsOf({ path }).path, path).toBeDefined();
    }
  });

  it("rejects encoded slashes and backslashes smuggled into a parameter", () => {
    for (const path of ["/pets/a%2Fb", "/pets/a%2fb", "/pets/a%5Cb", "/pets/%00", "/pets/%zz"]) {
      expect(errorsOf({ path }).path, path).toBeDefined();
    }
  });

  it("rejects paths that are not documented, and methods not documented for the path", () => {
    expect(errorsOf({ path: "/admin" }).path).toEqual(["That path is not one of this API's documented paths."]);
    expect(errorsOf({ path: "/pets/7/owner" }).path).toBeDefined();
    expect(errorsOf({ path: "/pets/" }).path).toBeDefined();
    expect(errorsOf({ path: "/files" }).path).toBeDefined();
    expect(errorsOf({ path: "/pets/{id}" }).path).toBeDefined();
    expect(errorsOf({ method: "DELETE", path: "/pets/7" }).method).toEqual(["DELETE is not a documented method for /pets/{id}."]);
    expect(errorsOf({ method: "TRACE" }).method).toEqual(["Choose a documented HTTP method."]);
    expect(errorsOf({ method: "get" }).method).toBeDefined();
  });

  it("rejects query strings, fragments and whitespace inside the path", () => {
    expect(errorsOf({ path: "/pets?limit=1" }).path).toContain("Put query parameters in the query fields, not in the path.");
    expect(errorsOf({ path: "/pets#x" }).path).toBeDefined();
    expect(errorsOf({ path: "/pets/a b" }).path).toBeDefined();
  });

  it("rejects control characters in the path, query, headers and body", () => {
    expect(errorsOf({ path: "/pets/7\r\nHost: evil" }).path).toBeDefined();
    expect(errorsOf({ path: "/pets/\u0000" }).path).toBeDefined();
    expect(errorsOf({ query: [{ name: "q", value: "a\nb" }] }).query).toBeDefined();
    expect(errorsOf({ query: [{ name: "q\n", value: "a" }] }).query).toBeDefined();
    expect(errorsOf({ method: "POST", headers: { "content-type": "application/json\r\nx-api-key: stolen" } }).headers).toBeDefined();
    expect(errorsOf({ method: "POST", body: '{"a":"\u0000"}' }).body).toEqual(["Remove control characters from the request body."]);
    expect(errorsOf({ method: "POST", body: '{\n\t"a": 1\r\n}' })).toEqual({});
  });

  it("rejects oversized bodies (counted in UTF-8 bytes) and bodies on GET", () => {
    expect(errorsOf({ method: "POST", body: "x".repeat(MAX_BODY_BYTES + 1) }).body).toEqual(["Keep the request body under 10 kB."]);
    expect(errorsOf({ method: "POST", body: "é".repeat(MAX_BODY_BYTES / 2 + 1) }).body).toBeDefined();
    expect(errorsOf({ method: "GET", body: "{}" }).body).toEqual(["A GET request cannot have a body."]);
  });

  it("limits the query string", () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ name: `p${i}`, value: "1" }));
    expect(errorsOf({ query: many }).query).toBeDefined();
    expect(errorsOf({ query: [{ name: "a", value: "x".repeat(1001) }] }).query).toBeDefined();
    expect(errorsOf({ query: Array.from({ length: 3 }, (_, i) => ({ name: `p${i}`, value: "x".repeat(900) })) }).query).toBeDefined();
    expect(errorsOf({ query: [{ name: "", value: "1" }] }).query).toBeDefined();
    expect(errorsOf({ query: [{ name: "a&b=c", value: "1" }] }).query).toBeDefined();
  });

  it("allows only the content-type and accept headers", () => {
    for (const name of ["x-api-key", "Host", "Authorization", "Cookie", "x-forwarded-for"]) {
      expect(errorsOf({ headers: { [name]: "x" } }).headers, name).toEqual(["Only the content-type and accept headers can be set here."]);
    }
  });

  it("requires a plausible key id", () => {
    expect(errorsOf({ keyId: "" }).keyId).toContain("Choose one of your API keys.");
    expect(errorsOf({ keyId: undefined }).keyId).toEqual(["Choose one of your API keys."]);
    expect(errorsOf({ keyId: "../../x" }).keyId).toBeDefined();
    expect(errorsOf({ keyId: "k".repeat(65) }).keyId).toBeDefined();
  });
});
