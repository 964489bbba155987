// The subset of OpenAPI 3.0 the portal renders, and the pure mapping from a document to Gatehouse's own DTO.
// Lenient on purpose: a missing or malformed field drops that detail, never the whole page.
import { z } from "zod";
import { pathParamNames } from "@/lib/docs/path-template";
import { fail, ok, type Result } from "@/lib/result";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type ParameterLocation = "path" | "query" | "header" | "cookie";

export interface ApiParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  description: string | null;
  /** e.g. "string", "integer (int64)", "array of string", "Pet". */
  type: string | null;
  example: string | null;
}

export interface ApiRequestBody {
  contentType: string;
  required: boolean;
  description: string | null;
  schema: string | null;
  /** Pretty-printed example (given in the document, or built from the schema). */
  example: string | null;
}

export interface ApiResponse {
  status: string;
  description: string;
  contentType: string | null;
  schema: string | null;
  example: string | null;
}

export interface ApiOperation {
  /** Unique within the document and safe as an HTML id. */
  id: string;
  method: HttpMethod;
  /** The path template, e.g. "/pets/{id}". */
  path: string;
  summary: string | null;
  description: string | null;
  tag: string;
  deprecated: boolean;
  parameters: ApiParameter[];
  requestBody: ApiRequestBody | null;
  responses: ApiResponse[];
}

export interface ApiTag {
  name: string;
  description: string | null;
}

export interface ApiDocs {
  title: string;
  version: string;
  description: string | null;
  /** Tags in display order; every operation's tag is among them. */
  tags: ApiTag[];
  operations: ApiOperation[];
}

// ---- Schemas (the subset we read). `.catch` turns a malformed optional field into "absent". ----

const optionalText = z.string().optional().catch(undefined);
const optionalFlag = z.boolean().optional().catch(undefined);
const jsonObject = z.record(z.string(), z.unknown());

const mediaTypeSchema = z.object({
  schema: jsonObject.optional().catch(undefined),
  example: z.unknown().optional(),
  examples: jsonObject.optional().catch(undefined),
});

const contentSchema = z.record(z.string(), z.unknown()).optional().catch(undefined);

export const parameterSchema = z.object({
  name: z.string().min(1).max(200),
  in: z.enum(["path", "query", "header", "cookie"]),
  required: optionalFlag,
  description: optionalText,
  schema: jsonObject.optional().catch(undefined),
  example: z.unknown().optional(),
  examples: jsonObject.optional().catch(undefined),
});

export const requestBodySchema = z.object({
  description: optionalText,
  required: optionalFlag,
  content: contentSchema,
});

export const responseSchema = z.object({
  description: z.string().catch(""),
  content: contentSchema,
});

export const operationSchema = z.object({
  operationId: optionalText,
  summary: optionalText,
  description: optionalText,
  tags: z.array(z.string()).optional().catch(undefined),
  deprecated: optionalFlag,
  parameters: z.array(z.unknown()).optional().catch(undefined),
  requestBody: z.unknown().optional(),
  responses: jsonObject.optional().catch(undefined),
});

export const openApiDocumentSchema = z.object({
  openapi: z.string().regex(/^3\./, "Only OpenAPI 3.x documents are supported."),
  info: z
    .object({ title: z.string().catch("API"), version: z.string().catch(""), description: optionalText })
    .catch({ title: "API", version: "", description: undefined }),
  tags: z
    .array(z.unknown())
    .optional()
    .catch(undefined)
    .transform((tags) =>
      (tags ?? []).flatMap((t) => {
        const tag = z.object({ name: z.string().min(1), description: optionalText }).safeParse(t);
        return tag.success ? [tag.data] : [];
      }),
    ),
  paths: z.record(z.string(), z.unknown()).catch({}),
});

// ---- Mapping ----

const MAX_OPERATIONS = 500;
const MAX_EXAMPLE_CHARS = 20_000;
const MAX_DEPTH = 8;

type Json = unknown;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows local `$ref`s ("#/components/…") through the document; null when a reference cannot be resolved. */
function resolve(root: unknown, value: unknown, seen: ReadonlySet<string> = new Set()): { value: unknown; ref: string | null } | null {
  let current = value;
  let lastRef: string | null = null;
  const visited = new Set(seen);
  for (let hops = 0; isObject(current) && typeof current.$ref === "string"; hops++) {
    const ref = current.$ref;
    if (hops > 10 || visited.has(ref) || !ref.startsWith("#/")) return null;
    visited.add(ref);
    lastRef = ref;
    let target: unknown = root;
    for (const raw of ref.slice(2).split("/")) {
      const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
      target = isObject(target) && Object.hasOwn(target, key) ? target[key] : undefined;
    }
    if (target === undefined) return null;
    current = target;
  }
  return { value: current, ref: lastRef };
}

function refName(ref: string): string {
  return ref.split("/").at(-1)?.replaceAll("~1", "/").replaceAll("~0", "~") ?? ref;
}

/** A short, human description of a schema: "Pet", "array of Pet", "integer (int64)", "string (one of a, b)". */
export function describeSchema(root: unknown, schema: unknown, depth = 0): string | null {
  if (depth > MAX_DEPTH) return null;
  if (isObject(schema) && typeof schema.$ref === "string") return refName(schema.$ref);
  if (!isObject(schema)) return null;
  for (const combinator of ["oneOf", "anyOf", "allOf"] as const) {
    const options = schema[combinator];
    if (Array.isArray(options) && options.length > 0) {
      const names = options.map((o) => describeSchema(root, o, depth + 1) ?? "object");
      return combinator === "allOf" ? names.join(" & ") : `one of ${names.join(", ")}`;
    }
  }
  const type = typeof schema.type === "string" ? schema.type : schema.properties ? "object" : null;
  if (type === "array") {
    const items = describeSchema(root, schema.items, depth + 1);
    return items ? `array of ${items}` : "array";
  }
  if (!type) return null;
  const details: string[] = [];
  if (typeof schema.format === "string") details.push(schema.format);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const values = schema.enum.slice(0, 6).map((v) => String(v));
    details.push(`one of ${values.join(", ")}${schema.enum.length > 6 ? ", …" : ""}`);
  }
  return details.length > 0 ? `${type} (${details.join("; ")})` : type;
}

const SAMPLE_STRINGS: Record<string, string> = {
  "date-time": "2024-01-01T12:00:00Z",
  date: "2024-01-01",
  email: "user@example.com",
  uuid: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
  uri: "https://example.com",
  url: "https://example.com",
  hostname: "example.com",
  ipv4: "192.0.2.1",
};

/** An example value built from a schema (its own `example`/`default`/`enum` first), following local `$ref`s. */
export function exampleFromSchema(root: unknown, schema: unknown, seen: ReadonlySet<string> = new Set(), depth = 0): Json {
  if (depth > MAX_DEPTH) return null;
  const resolved = resolve(root, schema, seen);
  if (!resolved || !isObject(resolved.value)) return null;
  const s = resolved.value;
  const nextSeen = resolved.ref ? new Set([...seen, resolved.ref]) : seen;
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (Array.isArray(s.allOf)) {
    const merged: Record<string, Json> = {};
    for (const part of s.allOf) {
      const value = exampleFromSchema(root, part, nextSeen, depth + 1);
      if (isObject(value)) Object.assign(merged, value);
    }
    return merged;
  }
  for (const combinator of ["oneOf", "anyOf"] as const) {
    const options = s[combinator];
    if (Array.isArray(options) && options.length > 0) return exampleFromSchema(root, options[0], nextSeen, depth + 1);
  }
  const type = typeof s.type === "string" ? s.type : isObject(s.properties) ? "object" : undefined;
  switch (type) {
    case "object": {
      const out: Record<string, Json> = {};
      if (isObject(s.properties)) {
        for (const [name, property] of Object.entries(s.properties).slice(0, 50)) {
          out[name] = exampleFromSchema(root, property, nextSeen, depth + 1);
        }
      }
      return out;
    }
    case "array": {
      const item = exampleFromSchema(root, s.items, nextSeen, depth + 1);
      return item === null ? [] : [item];
    }
    case "string":
      return typeof s.format === "string" ? (SAMPLE_STRINGS[s.format] ?? "string") : "string";
    case "integer":
    case "number":
      return typeof s.minimum === "number" ? s.minimum : 0;
    case "boolean":
      return true;
    default:
      return null;
  }
}

function formatExample(value: Json): string | null {
  if (value === undefined || value === null) return null;
  const text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
  return text.length > MAX_EXAMPLE_CHARS ? null : text;
}

function firstNamedExample(root: unknown, examples: Record<string, unknown> | undefined): Json {
  for (const entry of Object.values(examples ?? {})) {
    const resolved = resolve(root, entry);
    if (resolved && isObject(resolved.value) && resolved.value.value !== undefined) return resolved.value.value;
  }
  return undefined;
}

/** The content entry to show: JSON first, then anything else. */
function pickContent(root: unknown, content: Record<string, unknown> | undefined) {
  const entries = Object.entries(content ?? {});
  const chosen = entries.find(([type]) => /^application\/json\b/i.test(type)) ?? entries.find(([type]) => /json/i.test(type)) ?? entries[0];
  if (!chosen) return null;
  const media = mediaTypeSchema.safeParse(resolve(root, chosen[1])?.value ?? {});
  const data = media.success ? media.data : { schema: undefined, example: undefined, examples: undefined };
  const example = data.example !== undefined ? data.example : (firstNamedExample(root, data.examples) ?? exampleFromSchema(root, data.schema));
  return { contentType: chosen[0], schema: describeSchema(root, data.schema), example: formatExample(example) };
}

function toParameter(root: unknown, raw: unknown): ApiParameter | null {
  const parsed = parameterSchema.safeParse(resolve(root, raw)?.value);
  if (!parsed.success) return null;
  const p = parsed.data;
  const schema = resolve(root, p.schema)?.value;
  const fromSchema = isObject(schema) ? (schema.example ?? schema.default ?? (Array.isArray(schema.enum) ? schema.enum[0] : undefined)) : undefined;
  const example = p.example ?? firstNamedExample(root, p.examples) ?? fromSchema;
  return {
    name: p.name,
    in: p.in,
    required: p.in === "path" ? true : p.required === true,
    description: p.description?.trim() || null,
    type: describeSchema(root, p.schema),
    example: example === undefined || example === null ? null : typeof example === "string" ? example : JSON.stringify(example),
  };
}

/**
 * Path-level parameters, overridden by operation-level ones (same name and location), plus undeclared path params.
 * An x-api-key header parameter is left out: the key is described once for the whole API.
 */
function mergeParameters(root: unknown, path: string, pathLevel: unknown[], operationLevel: unknown[]): ApiParameter[] {
  const byKey = new Map<string, ApiParameter>();
  for (const raw of [...pathLevel, ...operationLevel]) {
    const p = toParameter(root, raw);
    if (p) byKey.set(`${p.in}:${p.name}`, p);
  }
  for (const name of pathParamNames(path)) {
    if (!byKey.has(`path:${name}`)) byKey.set(`path:${name}`, { name, in: "path", required: true, description: null, type: "string", example: null });
  }
  const order: Record<ParameterLocation, number> = { path: 0, query: 1, header: 2, cookie: 3 };
  return [...byKey.values()]
    .filter((p) => !(p.in === "header" && p.name.toLowerCase() === "x-api-key"))
    .sort((a, b) => order[a.in] - order[b.in]);
}

function toRequestBody(root: unknown, raw: unknown): ApiRequestBody | null {
  if (raw === undefined) return null;
  const parsed = requestBodySchema.safeParse(resolve(root, raw)?.value);
  if (!parsed.success) return null;
  const content = pickContent(root, parsed.data.content);
  if (!content) return null;
  return { ...content, required: parsed.data.required === true, description: parsed.data.description?.trim() || null };
}

function statusOrder(status: string): number {
  if (/^\d{3}$/.test(status)) return Number(status);
  if (/^\dXX$/i.test(status)) return Number(status[0]) * 100 + 99;
  return 1000;
}

function toResponses(root: unknown, raw: Record<string, unknown> | undefined): ApiResponse[] {
  const responses: ApiResponse[] = [];
  for (const [status, value] of Object.entries(raw ?? {})) {
    if (!/^(\d{3}|\dXX|default)$/i.test(status)) continue;
    const parsed = responseSchema.safeParse(resolve(root, value)?.value);
    if (!parsed.success) continue;
    const content = pickContent(root, parsed.data.content);
    responses.push({
      status: status.toUpperCase() === "DEFAULT" ? "default" : status.toUpperCase(),
      description: parsed.data.description.trim(),
      contentType: content?.contentType ?? null,
      schema: content?.schema ?? null,
      example: content?.example ?? null,
    });
  }
  return responses.sort((a, b) => statusOrder(a.status) - statusOrder(b.status));
}

function operationId(raw: string | undefined, method: HttpMethod, path: string, used: Set<string>): string {
  const base =
    raw && /^[A-Za-z][A-Za-z0-9_.\-]{0,99}$/.test(raw)
      ? raw
      : `${method.toLowerCase()}-${path.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "root"}`;
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

/** First literal path segment, for grouping operations of an untagged document ("/pets/{id}" → "pets"). */
function defaultTag(path: string): string {
  const first = path.split("/").find((s) => s !== "" && !s.startsWith("{"));
  return first ?? "default";
}

/** Turns an OpenAPI 3 document (already parsed JSON) into the portal's docs DTO. */
export function toApiDocs(document: unknown): Result<ApiDocs> {
  const parsed = openApiDocumentSchema.safeParse(document);
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? "it is not an object";
    return fail("invalid", `The API description is not a usable OpenAPI 3 document: ${reason}`);
  }
  const doc = parsed.data;
  const usedIds = new Set<string>();
  const operations: ApiOperation[] = [];

  for (const [path, rawItem] of Object.entries(doc.paths)) {
    if (!path.startsWith("/")) continue;
    const item = resolve(document, rawItem)?.value;
    if (!isObject(item)) continue;
    const pathParameters = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of HTTP_METHODS) {
      if (operations.length >= MAX_OPERATIONS) break;
      const op = operationSchema.safeParse(item[method.toLowerCase()]);
      if (!op.success) continue;
      const o = op.data;
      operations.push({
        id: operationId(o.operationId, method, path, usedIds),
        method,
        path,
        summary: o.summary?.trim() || null,
        description: o.description?.trim() || null,
        tag: o.tags?.find((t) => t.trim() !== "")?.trim() ?? defaultTag(path),
        deprecated: o.deprecated === true,
        parameters: mergeParameters(document, path, pathParameters, o.parameters ?? []),
        requestBody: toRequestBody(document, o.requestBody),
        responses: toResponses(document, o.responses),
      });
    }
  }

  // Declared tags first (in the document's order, when used), then the others as they first appear.
  const tags: ApiTag[] = doc.tags
    .filter((t) => operations.some((o) => o.tag === t.name))
    .map((t) => ({ name: t.name, description: t.description?.trim() || null }));
  for (const o of operations) if (!tags.some((t) => t.name === o.tag)) tags.push({ name: o.tag, description: null });

  return ok({
    title: doc.info.title.trim() || "API",
    version: doc.info.version.trim(),
    description: doc.info.description?.trim() || null,
    tags,
    operations,
  });
}
