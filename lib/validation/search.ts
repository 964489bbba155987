// Free-text search terms (admin lists). A search is not stored, so odd characters are dropped rather than refused.

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** The term as typed, without control characters (a NUL byte breaks the PostgreSQL query), NFC, bounded. */
export function cleanSearchTerm(query: string | undefined, max = 100): string {
  return (query ?? "").normalize("NFC").replace(CONTROL, "").trim().slice(0, max);
}

/**
 * The term for Prisma's `contains`, which becomes LIKE '%term%' without escaping: `%` and `_` would match anything.
 * PostgreSQL's default LIKE escape character is the backslash, so escape it first, then the two wildcards.
 */
export function likeLiteral(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}
