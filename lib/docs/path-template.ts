// OpenAPI path templates ("/pets/{id}", API Gateway's greedy "/files/{proxy+}"): parsing, filling and matching.
// Pure, shared by the try-it console (browser) and the try-request schema (server).

export type TemplateSegment = { kind: "literal"; value: string } | { kind: "param"; name: string; greedy: boolean };

const PARAM = /^\{([A-Za-z0-9_.\-]+)(\+?)\}$/;
/** One filled path segment: RFC 3986 pchar, percent-encoded where needed. */
const SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The template's segments, or null when it is not a usable template (no leading slash, empty segments, …). */
export function parseTemplate(template: string): TemplateSegment[] | null {
  if (!template.startsWith("/")) return null;
  if (template === "/") return [];
  const parts = template.slice(1).split("/");
  const segments: TemplateSegment[] = [];
  for (const [index, part] of parts.entries()) {
    if (part === "") return null;
    const param = PARAM.exec(part);
    if (param) {
      const greedy = param[2] === "+";
      if (greedy && index !== parts.length - 1) return null;
      segments.push({ kind: "param", name: param[1] ?? "", greedy });
    } else if (part.includes("{") || part.includes("}")) {
      return null;
    } else {
      segments.push({ kind: "literal", value: part });
    }
  }
  return segments;
}

/** Names of the template's path parameters, in order. */
export function pathParamNames(template: string): string[] {
  return (parseTemplate(template) ?? []).flatMap((s) => (s.kind === "param" ? [s.name] : []));
}

/** The template with each parameter replaced by its percent-encoded value (empty values leave `{name}` in place). */
export function fillPath(template: string, values: Readonly<Record<string, string>>): string {
  const segments = parseTemplate(template);
  if (!segments) return template;
  if (segments.length === 0) return "/";
  return segments
    .map((s) => {
      if (s.kind === "literal") return `/${s.value}`;
      const value = values[s.name] ?? "";
      if (value === "") return `/{${s.name}${s.greedy ? "+" : ""}}`;
      const parts = s.greedy ? value.replace(/^\/+/, "").split("/") : [value];
      return `/${parts.map(encodeURIComponent).join("/")}`;
    })
    .join("");
}

/** True when a filled path segment is safe to send: pchar only, decodes cleanly, not "." or "..", no hidden slashes. */
export function isSafeSegment(segment: string): boolean {
  if (!SEGMENT.test(segment)) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return false;
  }
  if (decoded === "." || decoded === "..") return false;
  return !decoded.includes("/") && !decoded.includes("\\") && !CONTROL.test(decoded);
}

/** True when `path` is `template` with every parameter filled by safe segments (a greedy one by one or more). */
export function matchesTemplate(template: string, path: string): boolean {
  const segments = parseTemplate(template);
  if (!segments || !path.startsWith("/")) return false;
  const parts = path === "/" ? [] : path.slice(1).split("/");
  for (const [index, segment] of segments.entries()) {
    if (segment.kind === "param" && segment.greedy) {
      const rest = parts.slice(index);
      return rest.length > 0 && rest.every(isSafeSegment);
    }
    const part = parts[index];
    if (part === undefined) return false;
    if (segment.kind === "literal" ? part !== segment.value : !isSafeSegment(part)) return false;
  }
  return parts.length === segments.length;
}
