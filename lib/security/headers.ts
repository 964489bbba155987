// The security headers proxy.ts gives every page: a strict, nonce-based Content-Security-Policy (Next.js's
// documented pattern) and, when the portal is served over https, HSTS. Headers that never vary (nosniff,
// Referrer-Policy, Permissions-Policy, X-Frame-Options) are set for every response, static files included, in
// next.config.js.

export interface PolicyOptions {
  /** A fresh nonce for this response (createNonce). */
  nonce: string;
  /** The portal's public URL is https (NEXTAUTH_URL). */
  https: boolean;
  /** `next dev`: React needs eval for its debugging aids, and the dev overlay injects styles. */
  development: boolean;
  /** Other origins images may load from: the brand's logo (lib/branding.ts). */
  imageOrigins?: string[];
}

/** The request header in which proxy.ts hands the response's nonce to server components (never sent to the browser). */
export const NONCE_HEADER = "x-nonce";
/** The path and query the request asked for, set by proxy.ts (replacing any sent by the client): a layout's guard sends it to sign-in as the page to return to. */
export const PATHNAME_HEADER = "x-pathname";

/** Two years, the preload list's recommendation; only ever sent over https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** 128 random bits, base64: a nonce an attacker cannot guess, different for every response. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * The Content-Security-Policy of one page response. Scripts run only with the nonce, which Next.js puts on its own
 * scripts (it reads the nonce from this policy in the request headers); 'strict-dynamic' lets those load the
 * chunks they import. Style elements need the nonce too; style attributes are allowed ('unsafe-inline' in
 * style-src-attr only), because server-rendered React writes them (recharts' chart container, the quota bars).
 * form-action 'self' is enough for OIDC: "Continue with …" navigates to the provider from script, not by a form.
 */
export function contentSecurityPolicy({ nonce, https, development, imageOrigins = [] }: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    ["img-src 'self' data: blob:", ...imageOrigins].join(" "),
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export interface PageSecurityHeaders {
  "Content-Security-Policy": string;
  "Strict-Transport-Security"?: string;
}

/** The headers proxy.ts sets on a page response. */
export function pageSecurityHeaders(options: PolicyOptions): PageSecurityHeaders {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    ...(options.https ? { "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY } : {}),
  };
}
