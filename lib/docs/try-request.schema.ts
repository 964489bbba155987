// What the try-it console may send: one schema for the browser form and the server proxy (no server imports here).
// The path must be one of the documented templates with its parameters filled; the host is never an input.
import { z } from "zod";
import { HTTP_METHODS, type HttpMethod } from "@/lib/docs/openapi";
import { matchesTemplate } from "@/lib/docs/path-template";

export const MAX_BODY_BYTES = 10 * 1024;
export const MAX_PATH_LENGTH = 2048;
export const MAX_QUERY_PARAMS = 20;
export const MAX_QUERY_LENGTH = 2048;
export const ALLOWED_HEADERS = ["content-type", "accept"] as const;

/** A documented operation, as the schema needs it: method and path template. */
export interface DocumentedRoute {
  method: string;
  path: string;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** Control characters a JSON or text body never needs (tab, line feed and carriage return are fine). */
const BODY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const QUERY_NAME = /^[A-Za-z0-9\-._~[\]]+$/;
const HEADER_VALUE = /^[A-Za-z0-9!#$%&'*+\-.^_`|~/;=,: "()?]+$/;
const BODYLESS: ReadonlySet<string> = new Set(["GET", "HEAD"]);

const byteLength = (text: string) => new TextEncoder().encode(text).length;

const querySchema = z
  .array(
    z.object({
      name: z
        .string()
        .min(1, "Enter a name for each query parameter.")
        .max(100, "Use at most 100 characters for a query parameter name.")
        .regex(QUERY_NAME, "Query parameter names may use letters, digits and - . _ ~ [ ] only."),
      value: z
        .string()
        .max(1000, "Use at most 1,000 characters for a query parameter value.")
        .refine((v) => !CONTROL.test(v), "Remove control characters (such as tabs or line breaks) from query values."),
    }),
  )
  .max(MAX_QUERY_PARAMS, `Send at most ${MAX_QUERY_PARAMS} query parameters.`)
  .refine((q) => new URLSearchParams(q.map((p) => [p.name, p.value])).toString().length <= MAX_QUERY_LENGTH, {
    message: `Keep the query string under ${MAX_QUERY_LENGTH} characters.`,
  })
  .default([]);

const headersSchema = z
  .record(z.string(), z.string())
  .default({})
  .check((ctx) => {
    for (const [name, value] of Object.entries(ctx.value)) {
      if (!(ALLOWED_HEADERS as readonly string[]).includes(name.toLowerCase())) {
        ctx.issues.push({ code: "custom", input: name, message: `Only the ${ALLOWED_HEADERS.join(" and ")} headers can be set here.` });
      } else if (value.length > 200 || !HEADER_VALUE.test(value)) {
        ctx.issues.push({ code: "custom", input: value, message: `The ${name.toLowerCase()} header value is not a valid media type.` });
      }
    }
  })
  .transform((headers) => {
    const out: { "content-type"?: string; accept?: string } = {};
    for (const [name, value] of Object.entries(headers)) {
      const lower = name.toLowerCase();
      if (lower === "content-type" || lower === "accept") out[lower] = value;
    }
    return out;
  });

const pathSchema = z
  .string({ error: "Enter the request path." })
  .min(1, "Enter the request path.")
  .max(MAX_PATH_LENGTH, `Keep the path under ${MAX_PATH_LENGTH} characters.`)
  .refine((p) => !CONTROL.test(p) && !/\s/.test(p), "Remove spaces and control characters from the path.")
  .refine((p) => p.startsWith("/"), "The path must start with / (it is always sent to this API's gateway, never to another host).")
  .refine((p) => !p.startsWith("//") && !p.includes("\\"), "The path must not start with // or contain a backslash.")
  .refine((p) => !p.includes("?") && !p.includes("#"), "Put query parameters in the query fields, not in the path.")
  .refine((p) => !p.split("/").some((s) => /^(\.|%2e){1,2}$/i.test(s)), "The path must not contain . or .. segments.");

/** A try request's fields, whatever the API documents (the server action parses this before loading the docs). */
export const tryRequestFields = z.object({
  keyId: z
    .string({ error: "Choose one of your API keys." })
    .min(1, "Choose one of your API keys.")
    .max(64, "That key does not exist.")
    .regex(/^[A-Za-z0-9_-]+$/, "That key does not exist."),
  method: z.enum(HTTP_METHODS, { error: "Choose a documented HTTP method." }),
  path: pathSchema,
  query: querySchema,
  headers: headersSchema,
  body: z
    .string()
    .default("")
    .refine((b) => byteLength(b) <= MAX_BODY_BYTES, `Keep the request body under ${MAX_BODY_BYTES / 1024} kB.`)
    .refine((b) => !BODY_CONTROL.test(b), "Remove control characters from the request body."),
});

/** The try-request schema for an API whose documented operations are `routes`: the fields, on a documented route. */
export function tryRequestSchema(routes: readonly DocumentedRoute[]) {
  return tryRequestFields.check((ctx) => {
    const { method, path, body } = ctx.value;
    const templates = routes.filter((r) => matchesTemplate(r.path, path));
    if (templates.length === 0) {
      ctx.issues.push({ code: "custom", path: ["path"], input: path, message: "That path is not one of this API's documented paths." });
    } else if (!templates.some((r) => r.method.toUpperCase() === method)) {
      const template = templates[0]?.path ?? path;
      ctx.issues.push({ code: "custom", path: ["method"], input: method, message: `${method} is not a documented method for ${template}.` });
    }
    if (BODYLESS.has(method) && body !== "") {
      ctx.issues.push({ code: "custom", path: ["body"], input: body, message: `A ${method} request cannot have a body.` });
    }
  });
}

export type TryRequestInput = z.infer<ReturnType<typeof tryRequestSchema>>;
export type TryRequestForm = z.input<ReturnType<typeof tryRequestSchema>>;
export type { HttpMethod };
