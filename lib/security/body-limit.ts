// How large a request body the portal accepts, and how a refusal reads. No server imports: the form hook that shows
// the refusal imports this file too.

/**
 * 100 kB. The largest legitimate input is a try-it request (a body of at most 10 kB, MAX_BODY_BYTES in
 * lib/docs/try-request.schema.ts, at most doubled by JSON escaping, plus a 2 kB path and query); every other form
 * is a few hundred bytes. next.config.js gives Next.js's own server-action limit the same value.
 */
export const MAX_REQUEST_BODY_BYTES = 100 * 1024;

/** The text of the 413 answer, which Next.js's client raises as the server action's error for the form to show. */
export const BODY_TOO_LARGE_MESSAGE = "That was too large to send. Shorten what you entered and try again.";

/** Whether a server action failed because proxy.ts refused its body as too large. */
export function isBodyTooLarge(error: unknown): boolean {
  return error instanceof Error && error.message === BODY_TOO_LARGE_MESSAGE;
}

/**
 * Whether a request's body is over the limit: by its Content-Length, or, for a body streamed without one, by
 * counting what arrives up to the limit (proxy.ts reads its own copy of the body; the route still gets the body).
 */
export async function exceedsBodyLimit(request: Request, limit = MAX_REQUEST_BODY_BYTES): Promise<boolean> {
  if (request.method === "GET" || request.method === "HEAD") return false;
  const declared = request.headers.get("content-length");
  if (declared !== null) return Number(declared) > limit;
  if (!request.body) return false;
  const reader = request.body.getReader();
  let received = 0;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      received += chunk.value.byteLength;
      if (received > limit) return true;
    }
    return false;
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
