import { describe, expect, it } from "vitest";
import { curlCommand, gatewayExample, shellQuote } from "@/lib/docs/curl-command";

describe("curlCommand", () => {
  it("builds a GET with the key placeholder, never a key", () => {
    expect(curlCommand({ baseUrl: "https://api.example.com/prod", method: "GET", path: "/pets/7", query: [], body: "", contentType: null })).toBe(
      "curl \\\n  -H 'x-api-key: YOUR_API_KEY' \\\n  https://api.example.com/prod/pets/7",
    );
  });

  it("adds the method, content type, body and an encoded query string, quoted for the shell", () => {
    const command = curlCommand({
      baseUrl: "https://api.example.com",
      method: "POST",
      path: "/pets",
      query: [{ name: "dry run", value: "yes & no" }],
      body: `{"name":"Rex's ball"}`,
      contentType: "application/json",
    });
    expect(command).toBe(
      [
        "curl -X POST",
        "-H 'x-api-key: YOUR_API_KEY'",
        "-H 'content-type: application/json'",
        `--data '{"name":"Rex'\\''s ball"}'`,
        "'https://api.example.com/pets?dry+run=yes+%26+no'",
      ].join(" \\\n  "),
    );
  });

  it("quotes anything the shell would interpret", () => {
    expect(shellQuote("plain-value_1.2")).toBe("plain-value_1.2");
    expect(shellQuote("$(rm -rf /)")).toBe("'$(rm -rf /)'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it("puts the owner's key in the dashboard's example, and the placeholder when there is none", () => {
    expect(gatewayExample("https://api.example.com/prod", "abcDEF123")).toBe("curl \\\n  -H 'x-api-key: abcDEF123' \\\n  https://api.example.com/prod/pets");
    expect(gatewayExample("https://api.example.com/prod", null)).toContain("-H 'x-api-key: YOUR_API_KEY'");
  });
});
