// Next.js Proxy (the successor of middleware): runs before every route except static files. It gives each response
// its security headers with a fresh CSP nonce, which Next.js then puts on the scripts it renders (every page
// renders per request).
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { createNonce, pageSecurityHeaders } from "@/lib/security/headers";

let served: { https: boolean; development: boolean } | undefined;

/** How the portal is served, from its validated configuration (read once): https, and whether under `next dev`. */
function servedAs() {
  if (!served) {
    const { NEXTAUTH_URL, NODE_ENV } = env();
    served = { https: NEXTAUTH_URL !== undefined && new URL(NEXTAUTH_URL).protocol === "https:", development: NODE_ENV === "development" };
  }
  return served;
}

export function proxy(request: NextRequest) {
  const headers = pageSecurityHeaders({ nonce: createNonce(), ...servedAs() });
  // Next.js reads the nonce from the policy in the request headers when it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but static files.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
