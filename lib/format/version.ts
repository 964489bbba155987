// An API's version as people read it. Pure.

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * "Version 2.1" for a real version; "Updated 3 Dec 2026" when the "version" is only a timestamp (API Gateway
 * exports often carry the deployment time there); null when there is nothing worth showing.
 */
export function formatApiVersion(version: string | null | undefined): string | null {
  const v = version?.trim();
  if (!v) return null;
  if (ISO_TIMESTAMP.test(v)) {
    const date = new Date(v);
    if (Number.isNaN(date.getTime())) return null;
    return `Updated ${date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })}`;
  }
  return `Version ${v}`;
}
