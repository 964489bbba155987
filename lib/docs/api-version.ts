// How the docs page names the API's version. API Gateway's export puts the deployment's timestamp in info.version
// when the API sets none ("2026-12-03T07:51:55.771Z"): that reads as a publication date, not a version.

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const day = new Intl.DateTimeFormat("en", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

/** "Version 1.2.0", "Published December 3, 2026" for a bare timestamp, or null when there is nothing to say. */
export function describeApiVersion(version: string): string | null {
  const text = version.trim();
  if (!text) return null;
  if (ISO_TIMESTAMP.test(text)) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? null : `Published ${day.format(date)}`;
  }
  return `Version ${text.replace(/^v(?=\d)/i, "")}`;
}
