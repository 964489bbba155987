import { parseSignInError } from "@/lib/auth/sign-in-errors";

/**
 * next-auth v4 answers every refused credentials sign-in with 401 and the reason in the `error` parameter of the
 * URL it returns as JSON (or redirects to, for a plain form post). This gives a throttled attempt 429 with
 * Retry-After, and one that failed because a service is down 503; the body stays, so next-auth's client still
 * reads the reason.
 */
export async function credentialsCallbackStatus(request: Request, response: Response): Promise<Response> {
  if (request.method !== "POST" || response.status !== 401 || !new URL(request.url).pathname.endsWith("/callback/credentials")) return response;
  const target = response.headers.get("Location") ?? (await response.clone().json().then((body: { url?: unknown }) => body.url, () => null));
  if (typeof target !== "string") return response;
  const reason = parseSignInError(URL.canParse(target, "http://localhost") ? new URL(target, "http://localhost").searchParams.get("error") : null);
  if (reason.kind === "mismatch") return response;
  const headers = new Headers(response.headers);
  if (reason.kind === "throttled") headers.set("Retry-After", String(reason.retryAfterSeconds));
  return new Response(response.body, { status: reason.kind === "throttled" ? 429 : 503, headers });
}
