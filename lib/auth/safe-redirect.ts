// Where to go after signing in. The one check for every callbackUrl / redirect target the portal honours (the
// sign-in page and next-auth's redirect callback). No server imports: the sign-in form may use it too.

/**
 * The same-origin path (with query and hash) that `target` names, or `fallback` when it is anything else.
 *
 * Browsers read `/\evil.example`, `/%09/evil.example` (a tab they strip) and `//evil.example` as another host, so a
 * prefix test is not enough: the target is refused if it holds a backslash, whitespace or a control character
 * (also percent-encoded, and also after decoding twice), and otherwise parsed with the URL parser against our
 * own origin and kept only if the origin did not change.
 */
export function safeRedirectPath(target: unknown, origin: string, fallback = "/home"): string {
  if (typeof target !== "string" || target.length === 0 || target.length > 2048) return fallback;
  if (!isPlain(target)) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(target, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin) return fallback;
  // Absolute targets on our own origin are fine, but are handed back as a path so the browser stays here.
  if (!target.startsWith("/") && !target.startsWith(base.origin + "/") && target !== base.origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? fallback : path;
}

// Backslash, whitespace and control characters (C0, DEL, C1, line and paragraph separators, zero-width and bidi
// controls), raw or percent-encoded, and a leading "//": none has a place in a redirect target of ours.
const FORBIDDEN = /[\\\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060\ufeff]/;

function isPlain(target: string): boolean {
  let value = target;
  for (let round = 0; round < 3; round++) {
    if (FORBIDDEN.test(value) || value.startsWith("//")) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      return false; // malformed percent-encoding
    }
    if (decoded === value) return true;
    value = decoded;
  }
  return false; // still changing after three rounds of decoding: nobody writes links like that
}
