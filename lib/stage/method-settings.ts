// Stage and method settings (throttling and caching) as the admin console edits them, and the pure translation of
// an edit into UpdateStage patch operations. Shared by the server (which applies them) and the form (which previews
// them), so what the admin confirms is exactly what is sent.
import { z } from "zod";

/** AWS's key for the stage-wide settings that every method inherits. */
export const STAGE_DEFAULT_KEY = "*/*";

export const CACHE_CONTROL_STRATEGIES = ["FAIL_WITH_403", "SUCCEED_WITH_RESPONSE_HEADER", "SUCCEED_WITHOUT_RESPONSE_HEADER"] as const;
export type CacheControlStrategy = (typeof CACHE_CONTROL_STRATEGIES)[number];

export const STRATEGY_LABELS: Record<CacheControlStrategy, string> = {
  FAIL_WITH_403: "Refuse with 403",
  SUCCEED_WITH_RESPONSE_HEADER: "Ignore, add a warning header",
  SUCCEED_WITHOUT_RESPONSE_HEADER: "Ignore silently",
};

export const MAX_CACHE_TTL_SECONDS = 3600;

/** The throttling and caching part of an AWS MethodSetting, as Gatehouse shows and edits it. */
export interface EditableMethodSetting {
  throttlingRateLimit: number;
  throttlingBurstLimit: number;
  cachingEnabled: boolean;
  cacheTtlInSeconds: number;
  cacheDataEncrypted: boolean;
  requireAuthorizationForCacheControl: boolean;
  unauthorizedCacheControlHeaderStrategy: CacheControlStrategy;
}

/** AWS's defaults for a stage with no method settings. */
export const AWS_DEFAULT_SETTING: EditableMethodSetting = {
  throttlingRateLimit: 10000,
  throttlingBurstLimit: 5000,
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITH_RESPONSE_HEADER",
};

/** "/pets/{id}" + "GET" → "~1pets~1{id}/GET" (AWS's method setting key); the stage default is "*\/*". */
export function methodSettingKey(resourcePath: string, httpMethod: string): string {
  return `${resourcePath.replace(/~/g, "~0").replace(/\//g, "~1")}/${httpMethod.toUpperCase()}`;
}

/** "~1pets~1{id}/GET" → { resourcePath: "/pets/{id}", httpMethod: "GET" }; "*\/*" → the stage default. */
export function parseMethodSettingKey(key: string): { resourcePath: string; httpMethod: string } | null {
  if (key === STAGE_DEFAULT_KEY) return { resourcePath: "*", httpMethod: "*" };
  const slash = key.lastIndexOf("/");
  if (slash <= 0) return null;
  const resource = key.slice(0, slash).replace(/~1/g, "/").replace(/~0/g, "~");
  const httpMethod = key.slice(slash + 1);
  if (!resource.startsWith("/") || !/^[A-Z]+$/.test(httpMethod)) return null;
  return { resourcePath: resource, httpMethod };
}

export function describeTarget(key: string): string {
  if (key === STAGE_DEFAULT_KEY) return "Stage default (all methods)";
  const parsed = parseMethodSettingKey(key);
  return parsed ? `${parsed.httpMethod} ${parsed.resourcePath}` : key;
}

const checkbox = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

const numberField = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z
      .number({ error: (issue) => (issue.input === undefined ? `Enter the ${label}.` : `The ${label} must be a number.`) })
      .refine(Number.isFinite, `The ${label} must be a number.`),
  );

/** The settings form: one target (the stage default or one method) and its throttling and caching. */
export const methodSettingFormSchema = z.object({
  target: z
    .string()
    .trim()
    .min(1, "Choose what to configure.")
    .max(1100)
    .refine((k) => parseMethodSettingKey(k) !== null, "Choose the stage default or one of the API's methods."),
  throttlingRateLimit: numberField("rate limit")
    .pipe(z.number().min(0, "The rate limit cannot be negative.").max(1_000_000_000, "The rate limit is too large.")),
  throttlingBurstLimit: numberField("burst limit").pipe(
    z.number().int("The burst limit must be a whole number.").min(0, "The burst limit cannot be negative.").max(1_000_000_000, "The burst limit is too large."),
  ),
  cachingEnabled: checkbox,
  cacheTtlInSeconds: numberField("cache TTL").pipe(
    z
      .number()
      .int("The cache TTL must be a whole number of seconds.")
      .min(0, "The cache TTL must be between 0 and 3600 seconds.")
      .max(MAX_CACHE_TTL_SECONDS, "The cache TTL must be between 0 and 3600 seconds."),
  ),
  cacheDataEncrypted: checkbox,
  requireAuthorizationForCacheControl: checkbox,
  unauthorizedCacheControlHeaderStrategy: z.enum(CACHE_CONTROL_STRATEGIES, { error: "Choose how unauthorized cache invalidations are handled." }),
});
export type MethodSettingForm = z.output<typeof methodSettingFormSchema>;

/** What the settings action receives: the form, and the patch the admin saw in the preview (checked against a fresh one). */
export const updateStageSettingsSchema = methodSettingFormSchema.extend({
  api: z.string().trim().regex(/^[a-zA-Z0-9]{1,64}$/, "Choose an API."),
  stage: z.string().trim().regex(/^[a-zA-Z0-9_-]{1,128}$/, "Choose a stage."),
  previewed: z
    .string()
    .max(20_000)
    .transform((text, ctx) => {
      try {
        return patchOperationListSchema.parse(JSON.parse(text));
      } catch {
        ctx.addIssue({ code: "custom", message: "The preview is missing; review the changes again." });
        return z.NEVER;
      }
    }),
});

/** Removing one method's override, so it inherits the stage default again. */
export const resetMethodSettingSchema = z.object({
  api: z.string().trim().regex(/^[a-zA-Z0-9]{1,64}$/, "Choose an API."),
  stage: z.string().trim().regex(/^[a-zA-Z0-9_-]{1,128}$/, "Choose a stage."),
  target: z
    .string()
    .trim()
    .refine((k) => k !== STAGE_DEFAULT_KEY && parseMethodSettingKey(k) !== null, "Only a method's own settings can be removed."),
});

export interface PatchOperation {
  op: "replace" | "remove";
  path: string;
  value?: string;
}

export const patchOperationListSchema = z
  .array(z.object({ op: z.enum(["replace", "remove"]), path: z.string().max(1200), value: z.string().max(200).optional() }))
  .max(20);

/** One line of the preview: the patch operation and what it changes, in words. */
export interface PatchPreviewLine {
  operation: PatchOperation;
  label: string;
  from: string;
  to: string;
}

const FIELDS: { field: keyof EditableMethodSetting; path: string; label: string }[] = [
  { field: "throttlingRateLimit", path: "throttling/rateLimit", label: "Rate limit (requests/s)" },
  { field: "throttlingBurstLimit", path: "throttling/burstLimit", label: "Burst limit" },
  { field: "cachingEnabled", path: "caching/enabled", label: "Caching" },
  { field: "cacheTtlInSeconds", path: "caching/ttlInSeconds", label: "Cache TTL (s)" },
  { field: "cacheDataEncrypted", path: "caching/dataEncrypted", label: "Encrypt cache data" },
  { field: "requireAuthorizationForCacheControl", path: "caching/requireAuthorizationForCacheControl", label: "Require authorization for cache control" },
  { field: "unauthorizedCacheControlHeaderStrategy", path: "caching/unauthorizedCacheControlHeaderStrategy", label: "Unauthorized cache control" },
];

export function formatSettingValue(field: keyof EditableMethodSetting, value: EditableMethodSetting[keyof EditableMethodSetting] | undefined): string {
  if (value === undefined) return "—";
  if (typeof value === "boolean") return field === "cachingEnabled" ? (value ? "on" : "off") : value ? "yes" : "no";
  if (field === "unauthorizedCacheControlHeaderStrategy") return STRATEGY_LABELS[value as CacheControlStrategy] ?? String(value);
  return String(value);
}

/**
 * The UpdateStage operations that turn `current` (the target's own settings, or what it inherits when it has none)
 * into `desired`: one `replace` per changed field, values as strings (as AWS takes them). No change, no operation.
 * A method without its own entry gets one on its first change, starting as a copy of the stage default (as in
 * AWS), so diffing against what it inherits writes exactly the fields the admin changed.
 */
export function settingPatch(target: string, current: EditableMethodSetting, desired: EditableMethodSetting): PatchPreviewLine[] {
  const prefix = target === STAGE_DEFAULT_KEY ? "/*/*" : `/${target}`;
  const lines: PatchPreviewLine[] = [];
  for (const { field, path, label } of FIELDS) {
    const from = current[field];
    const to = desired[field];
    if (from === to) continue;
    lines.push({
      operation: { op: "replace", path: `${prefix}/${path}`, value: String(to) },
      label,
      from: formatSettingValue(field, from),
      to: formatSettingValue(field, to),
    });
  }
  return lines;
}

/** The operation that removes a method's own settings (it then inherits the stage default). */
export function resetPatch(target: string): PatchOperation {
  return { op: "remove", path: `/${target}` };
}

/** The desired settings from the parsed form. */
export function desiredSetting(form: MethodSettingForm): EditableMethodSetting {
  return {
    throttlingRateLimit: form.throttlingRateLimit,
    throttlingBurstLimit: form.throttlingBurstLimit,
    cachingEnabled: form.cachingEnabled,
    cacheTtlInSeconds: form.cacheTtlInSeconds,
    cacheDataEncrypted: form.cacheDataEncrypted,
    requireAuthorizationForCacheControl: form.requireAuthorizationForCacheControl,
    unauthorizedCacheControlHeaderStrategy: form.unauthorizedCacheControlHeaderStrategy,
  };
}

export function samePatch(a: readonly PatchOperation[], b: readonly PatchOperation[]): boolean {
  return a.length === b.length && a.every((op, i) => op.op === b[i]?.op && op.path === b[i]?.path && (op.value ?? null) === (b[i]?.value ?? null));
}
