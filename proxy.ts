// Next.js Proxy (the successor of middleware): runs before every route except static files. It refuses bodies
// over the size limit with 413 before anything parses them, and gives each response its security headers with a
// fresh CSP nonce, which Next.js then puts on the scripts it renders (every page renders per request). Every request
// gets an id (x-request-id, lib/observability/request-id.ts), passed on to the route and returned to the client.
import { NextResponse, type NextRequest } from "next/server";
import { brandImageOrigins, branding } from "@/lib/branding";
import { env } from "@/lib/env";
import { REQUEST_ID_HEADER, requestIdFor } from "@/lib/observability/request-id";
import { BODY_TOO_LARGE_MESSAGE, exceedsBodyLimit } from "@/lib/security/body-limit";
import { createNonce, NONCE_HEADER, PATHNAME_HEADER, pageSecurityHeaders } from "@/lib/security/headers";

let served: { https: boolean; development: boolean; imageOrigins: string[] } | undefined;

/**
 * How the portal is served, from its validated configuration (read once): https, whether under `next dev`, and
 * where the brand's logo loads from.
 */
function servedAs() {
  if (!served) {
    const { NEXTAUTH_URL, NODE_ENV } = env();
    served = {
      https: NEXTAUTH_URL !== undefined && new URL(NEXTAUTH_URL).protocol === "https:",
      development: NODE_ENV === "development",
      imageOrigins: brandImageOrigins(branding()),
    };
  }
  return served;
}

export async function proxy(request: NextRequest) {
  const requestId = requestIdFor(request.headers.get(REQUEST_ID_HEADER));
  if (await exceedsBodyLimit(request)) {
    // Exactly text/plain: Next.js's client then raises this text as the server action's error (see use-action-form).
    return new NextResponse(BODY_TOO_LARGE_MESSAGE, { status: 413, headers: { "Content-Type": "text/plain", [REQUEST_ID_HEADER]: requestId } });
  }

  const nonce = createNonce();
  const headers = pageSecurityHeaders({ nonce, ...servedAs() });
  // Next.js reads the nonce from the policy in the request headers when it renders; our own inline scripts (the
  // theme script of next-themes) read it from NONCE_HEADER (lib/security/request-nonce.ts).
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set(PATHNAME_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  // Everything but static files. Unlike the docs' example, prefetches and /api are not skipped: a POST carrying a
  // prefetch header, or to a route handler, must not escape the body limit.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
