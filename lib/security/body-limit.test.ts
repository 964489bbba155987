import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "@/lib/docs/try-request.schema";
import { BODY_TOO_LARGE_MESSAGE, exceedsBodyLimit, isBodyTooLarge, MAX_REQUEST_BODY_BYTES } from "@/lib/security/body-limit";

/** A POST whose body arrives in chunks, without Content-Length (as a streaming client sends it). */
function streamed(bytes: number): Request {
  let left = bytes;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (left <= 0) return controller.close();
      const size = Math.min(left, 16 * 1024);
      left -= size;
      controller.enqueue(new Uint8Array(size));
    },
  });
  return new Request("http://portal.test/dashboard", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("exceedsBodyLimit", () => {
  it("judges a declared body by its Content-Length", async () => {
    const post = (length: number) => new Request("http://portal.test/", { method: "POST", headers: { "content-length": String(length) } });
    expect(await exceedsBodyLimit(post(MAX_REQUEST_BODY_BYTES))).toBe(false);
    expect(await exceedsBodyLimit(post(MAX_REQUEST_BODY_BYTES + 1))).toBe(true);
    expect(await exceedsBodyLimit(post(1024 * 1024))).toBe(true);
  });

  it("counts a streamed body up to the limit", async () => {
    expect(await exceedsBodyLimit(streamed(MAX_REQUEST_BODY_BYTES))).toBe(false);
    expect(await exceedsBodyLimit(streamed(MAX_REQUEST_BODY_BYTES + 1))).toBe(true);
    expect(await exceedsBodyLimit(streamed(50 * 1024 * 1024))).toBe(true); // stops reading at the limit
  });

  it("leaves requests without a body alone", async () => {
    expect(await exceedsBodyLimit(new Request("http://portal.test/", { headers: { "content-length": "999999999" } }))).toBe(false);
    expect(await exceedsBodyLimit(new Request("http://portal.test/", { method: "POST" }))).toBe(false);
  });
});

describe("the limit", () => {
  it("stays well above the largest legitimate input, a try-it request body", () => {
    expect(MAX_REQUEST_BODY_BYTES).toBeGreaterThanOrEqual(4 * MAX_BODY_BYTES);
  });

  it("is also Next.js's own server-action limit", async () => {
    const file = new URL("../../next.config.js", import.meta.url).href; // a JavaScript file: imported by URL, typed here
    const { default: nextConfig } = (await import(file)) as { default: NextConfig };
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe(`${MAX_REQUEST_BODY_BYTES / 1024}kb`);
  });

  it("is recognised in the error Next.js's client raises from the 413 answer", () => {
    expect(isBodyTooLarge(new Error(BODY_TOO_LARGE_MESSAGE))).toBe(true);
    expect(isBodyTooLarge(new Error("An unexpected response was received from the server."))).toBe(false);
    expect(isBodyTooLarge(BODY_TOO_LARGE_MESSAGE)).toBe(false);
  });
});
