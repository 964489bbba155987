import "server-only";
import { performance } from "node:perf_hooks";
import type { GatewayAnswer, ResponseHeader } from "@/lib/docs/try-result";
import { fail, ok, type Result } from "@/lib/result";

/** API Gateway reads keys from this header (the stage's API key source is HEADER). */
export const API_KEY_HEADER = "x-api-key";
export const TIMEOUT_MS = 10_000;
export const MAX_RESPONSE_BYTES = 100 * 1024;

/** Response headers worth showing a developer; everything else (cookies, internal headers) is dropped. */
const SHOWN_HEADERS: ReadonlySet<string> = new Set([
  "cache-control",
  "content-length",
  "content-type",
  "date",
  "etag",
  "last-modified",
  "location",
  "retry-after",
  "x-amz-apigw-id",
  "x-amzn-errortype",
  "x-amzn-requestid",
  "x-amzn-trace-id",
  "x-cache",
]);

const TEXTUAL = /json|^text\/|xml|javascript|yaml|x-www-form-urlencoded/i;

export interface GatewayCall {
  url: URL;
  method: string;
  keyValue: string;
  headers: { "content-type"?: string; accept?: string };
  body: string;
}

function redact(text: string, secret: string): string {
  return secret.length > 0 ? text.replaceAll(secret, "[redacted API key]") : text;
}

async function readLimited(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<{ text: string; truncated: boolean }> {
  if (!stream) return { text: "", truncated: false };
  const reader = stream.getReader();
  const decoder = new TextDecoder("utf-8");
  let text = "";
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = limit - received;
    if (value.byteLength > room) {
      text += decoder.decode(value.subarray(0, room), { stream: true });
      await reader.cancel();
      return { text: text + decoder.decode(), truncated: true };
    }
    received += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
  return { text: text + decoder.decode(), truncated: false };
}

/**
 * Sends one request to the gateway with the key in its header, without following redirects (a redirect must not
 * carry the key elsewhere), and with a hard time limit covering the whole exchange. Errors never include the key.
 */
export async function callGateway(call: GatewayCall): Promise<Result<GatewayAnswer>> {
  const headers = new Headers({ [API_KEY_HEADER]: call.keyValue, "user-agent": "Gatehouse try-it console" });
  headers.set("accept", call.headers.accept ?? "application/json, */*;q=0.8");
  if (call.body !== "") headers.set("content-type", call.headers["content-type"] ?? "application/json");
  const started = performance.now();
  try {
    const response = await fetch(call.url, {
      method: call.method,
      headers,
      body: call.body === "" ? undefined : call.body,
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const contentType = response.headers.get("content-type");
    const binary = contentType !== null && !TEXTUAL.test(contentType);
    let text = "";
    let truncated = false;
    if (binary) await response.body?.cancel();
    else ({ text, truncated } = await readLimited(response.body, MAX_RESPONSE_BYTES));
    const shown: ResponseHeader[] = [];
    response.headers.forEach((value, name) => {
      if (SHOWN_HEADERS.has(name)) shown.push({ name, value: redact(value, call.keyValue).slice(0, 500) });
    });
    shown.sort((a, b) => a.name.localeCompare(b.name));
    return ok({
      status: response.status,
      statusText: response.statusText,
      headers: shown,
      body: redact(text, call.keyValue),
      truncated,
      binary,
      durationMs: Math.round(performance.now() - started),
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name === "TimeoutError" || name === "AbortError") {
      return fail("unavailable", `The API did not answer within ${TIMEOUT_MS / 1000} seconds, so the request was cancelled. Try again in a moment.`);
    }
    return fail("unavailable", "Network error: the request could not reach the API gateway, so there is no response. Try again in a moment.");
  }
}
