/**
 * Stage method settings. AWS keys them "*\/*" (stage default) or "{resource path with / as ~1}/{METHOD}",
 * e.g. "~1data/GET". A new per-method entry starts as a copy of the stage default, as in AWS.
 */
import type { ApiRoute } from '../demo-api';
import type { MethodSettingRecord, StageRecord } from '../state';

export const STAGE_DEFAULT_KEY = '*/*';

export function defaultMethodSetting(): MethodSettingRecord {
  return {
    metricsEnabled: false,
    loggingLevel: 'OFF',
    dataTraceEnabled: false,
    throttlingBurstLimit: 5000,
    throttlingRateLimit: 10000,
    cachingEnabled: false,
    cacheTtlInSeconds: 300,
    cacheDataEncrypted: false,
    requireAuthorizationForCacheControl: true,
    unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
  };
}

/** "/pets/{id}" + "GET" → "~1pets~1{id}/GET". */
export function methodSettingKey(resourcePath: string, method: string): string {
  return `${resourcePath.replace(/\//g, '~1')}/${method}`;
}

/** Canonical key for a "{resource}/{method}" pair taken from a patch path (accepts "~1data", "data"). */
export function canonicalMethodSettingKey(resourceSegment: string, method: string): string {
  if (resourceSegment === '*') return `*/${method}`;
  const decoded = resourceSegment.replace(/~1/g, '/');
  return methodSettingKey(decoded.startsWith('/') ? decoded : `/${decoded}`, method);
}

export function ensureMethodSetting(stage: StageRecord, key: string): MethodSettingRecord {
  let setting = stage.methodSettings[key];
  if (!setting) {
    setting = { ...(stage.methodSettings[STAGE_DEFAULT_KEY] ?? defaultMethodSetting()) };
    stage.methodSettings[key] = setting;
  }
  return setting;
}

/** The settings that govern `route` in `stage`: its own entry, else the stage default, else none. */
export function effectiveMethodSetting(stage: StageRecord, route: ApiRoute): MethodSettingRecord | undefined {
  return stage.methodSettings[methodSettingKey(route.path, route.method)] ?? stage.methodSettings[STAGE_DEFAULT_KEY];
}
