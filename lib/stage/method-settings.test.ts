import { describe, expect, it } from "vitest";
import {
  AWS_DEFAULT_SETTING,
  methodSettingFormSchema,
  methodSettingKey,
  parseMethodSettingKey,
  resetPatch,
  samePatch,
  settingPatch,
  STAGE_DEFAULT_KEY,
  updateStageSettingsSchema,
} from "./method-settings";

const form = {
  target: "~1data/GET",
  throttlingRateLimit: "100",
  throttlingBurstLimit: "200",
  cachingEnabled: "on",
  cacheTtlInSeconds: "3600",
  cacheDataEncrypted: "",
  requireAuthorizationForCacheControl: "on",
  unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITH_RESPONSE_HEADER",
};

const errorsOf = (input: Record<string, string>) => {
  const parsed = methodSettingFormSchema.safeParse(input);
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe("method setting keys", () => {
  it("encodes resource paths as AWS does and back", () => {
    expect(methodSettingKey("/pets/{id}", "get")).toBe("~1pets~1{id}/GET");
    expect(parseMethodSettingKey("~1pets~1{id}/GET")).toEqual({ resourcePath: "/pets/{id}", httpMethod: "GET" });
    expect(parseMethodSettingKey(STAGE_DEFAULT_KEY)).toEqual({ resourcePath: "*", httpMethod: "*" });
    expect(parseMethodSettingKey("data/GET")).toBeNull();
    expect(parseMethodSettingKey("~1data/get")).toBeNull();
  });
});

describe("settings form validation", () => {
  it("accepts the seed's /data override", () => {
    const parsed = methodSettingFormSchema.parse(form);
    expect(parsed).toMatchObject({ throttlingRateLimit: 100, throttlingBurstLimit: 200, cachingEnabled: true, cacheDataEncrypted: false, cacheTtlInSeconds: 3600 });
  });

  it("refuses a TTL outside 0-3600, negative or fractional limits, blanks and words", () => {
    expect(errorsOf({ ...form, cacheTtlInSeconds: "3601" }).cacheTtlInSeconds).toMatch(/between 0 and 3600/);
    expect(errorsOf({ ...form, cacheTtlInSeconds: "-1" }).cacheTtlInSeconds).toMatch(/between 0 and 3600/);
    expect(errorsOf({ ...form, cacheTtlInSeconds: "1.5" }).cacheTtlInSeconds).toMatch(/whole number/);
    expect(errorsOf({ ...form, throttlingRateLimit: "-5" }).throttlingRateLimit).toMatch(/negative/);
    expect(errorsOf({ ...form, throttlingBurstLimit: "2.5" }).throttlingBurstLimit).toMatch(/whole number/);
    expect(errorsOf({ ...form, throttlingBurstLimit: "" }).throttlingBurstLimit).toMatch(/Enter the burst limit/);
    expect(errorsOf({ ...form, throttlingRateLimit: "fast" }).throttlingRateLimit).toMatch(/must be a number/);
    expect(errorsOf({ ...form, unauthorizedCacheControlHeaderStrategy: "MAYBE" }).unauthorizedCacheControlHeaderStrategy).toBeTruthy();
    expect(errorsOf({ ...form, target: "data/GET" }).target).toBeTruthy();
    // A fractional rate is fine (AWS takes a double).
    expect(errorsOf({ ...form, throttlingRateLimit: "0.5" })).toEqual({});
  });

  it("refuses a missing or malformed preview", () => {
    const base = { ...form, api: "abc123", stage: "prod" };
    expect(updateStageSettingsSchema.safeParse({ ...base, previewed: "nope" }).success).toBe(false);
    expect(updateStageSettingsSchema.safeParse({ ...base, previewed: "[]" }).success).toBe(true);
    expect(updateStageSettingsSchema.safeParse({ ...base, api: "../x", previewed: "[]" }).success).toBe(false);
  });
});

describe("patch operations", () => {
  const current = { ...AWS_DEFAULT_SETTING, throttlingRateLimit: 1000, throttlingBurstLimit: 2000, cachingEnabled: true };

  it("replaces only the fields that changed, values as strings", () => {
    const lines = settingPatch("~1data/GET", current, { ...current, throttlingRateLimit: 100, cacheTtlInSeconds: 3600, cacheDataEncrypted: true });
    expect(lines.map((l) => l.operation)).toEqual([
      { op: "replace", path: "/~1data/GET/throttling/rateLimit", value: "100" },
      { op: "replace", path: "/~1data/GET/caching/ttlInSeconds", value: "3600" },
      { op: "replace", path: "/~1data/GET/caching/dataEncrypted", value: "true" },
    ]);
    expect(lines[0]).toMatchObject({ from: "1000", to: "100" });
  });

  it("uses /*/* for the stage default and nothing when nothing changed", () => {
    expect(settingPatch(STAGE_DEFAULT_KEY, current, { ...current, cachingEnabled: false }).map((l) => l.operation)).toEqual([
      { op: "replace", path: "/*/*/caching/enabled", value: "false" },
    ]);
    expect(settingPatch(STAGE_DEFAULT_KEY, current, current)).toEqual([]);
  });

  it("removes a method's override and compares patches exactly", () => {
    expect(resetPatch("~1data/GET")).toEqual({ op: "remove", path: "/~1data/GET" });
    const a = [{ op: "replace" as const, path: "/*/*/caching/enabled", value: "false" }];
    expect(samePatch(a, [{ ...a[0]! }])).toBe(true);
    expect(samePatch(a, [{ ...a[0]!, value: "true" }])).toBe(false);
    expect(samePatch(a, [])).toBe(false);
  });
});
