import "server-only";
import {
  FlushStageAuthorizersCacheCommand,
  FlushStageCacheCommand,
  GetStageCommand,
  GetStagesCommand,
  UpdateStageCommand,
  type MethodSetting,
  type Stage,
} from "@aws-sdk/client-api-gateway";
import { apiGatewayClient } from "@/lib/aws/clients";
import { getOpenApiDocument } from "@/lib/aws/export";
import {
  AWS_DEFAULT_SETTING,
  CACHE_CONTROL_STRATEGIES,
  methodSettingKey,
  type CacheControlStrategy,
  type EditableMethodSetting,
  type PatchOperation,
} from "@/lib/stage/method-settings";

// API Gateway stages for the admin console: the cache cluster, method settings (throttling and caching), UpdateStage
// and the two cache flushes. Returns Gatehouse's own types; errors are thrown for lib/stage to map (lib/aws/errors).

export interface StageSummary {
  stageName: string;
  description: string | null;
}

export interface StageDetails {
  stageName: string;
  description: string | null;
  cacheClusterEnabled: boolean;
  /** GB, e.g. "0.5"; null when the cluster is off. */
  cacheClusterSize: string | null;
  /** CREATE_IN_PROGRESS, AVAILABLE, DELETE_IN_PROGRESS, NOT_AVAILABLE, FLUSH_IN_PROGRESS. */
  cacheClusterStatus: string;
  /** Keyed as AWS keys them: "*\/*" for the stage default, "~1data/GET" for a method. */
  methodSettings: Record<string, EditableMethodSetting>;
  lastUpdatedDate: Date | null;
}

export interface ApiMethod {
  resourcePath: string;
  httpMethod: string;
  key: string;
}

function toEditable(setting: MethodSetting): EditableMethodSetting {
  const strategy = setting.unauthorizedCacheControlHeaderStrategy;
  return {
    throttlingRateLimit: setting.throttlingRateLimit ?? AWS_DEFAULT_SETTING.throttlingRateLimit,
    throttlingBurstLimit: setting.throttlingBurstLimit ?? AWS_DEFAULT_SETTING.throttlingBurstLimit,
    cachingEnabled: setting.cachingEnabled ?? AWS_DEFAULT_SETTING.cachingEnabled,
    cacheTtlInSeconds: setting.cacheTtlInSeconds ?? AWS_DEFAULT_SETTING.cacheTtlInSeconds,
    cacheDataEncrypted: setting.cacheDataEncrypted ?? AWS_DEFAULT_SETTING.cacheDataEncrypted,
    requireAuthorizationForCacheControl: setting.requireAuthorizationForCacheControl ?? AWS_DEFAULT_SETTING.requireAuthorizationForCacheControl,
    unauthorizedCacheControlHeaderStrategy: CACHE_CONTROL_STRATEGIES.includes(strategy as CacheControlStrategy)
      ? (strategy as CacheControlStrategy)
      : AWS_DEFAULT_SETTING.unauthorizedCacheControlHeaderStrategy,
  };
}

function toDetails(stage: Stage): StageDetails {
  const settings: Record<string, EditableMethodSetting> = {};
  for (const [key, setting] of Object.entries(stage.methodSettings ?? {})) settings[key] = toEditable(setting);
  return {
    stageName: stage.stageName ?? "",
    description: stage.description ?? null,
    cacheClusterEnabled: stage.cacheClusterEnabled === true,
    cacheClusterSize: stage.cacheClusterEnabled ? (stage.cacheClusterSize ?? null) : null,
    cacheClusterStatus: stage.cacheClusterStatus ?? (stage.cacheClusterEnabled ? "AVAILABLE" : "NOT_AVAILABLE"),
    methodSettings: settings,
    lastUpdatedDate: stage.lastUpdatedDate ?? null,
  };
}

export async function listStages(restApiId: string): Promise<StageSummary[]> {
  const out = await apiGatewayClient().send(new GetStagesCommand({ restApiId }));
  return (out.item ?? [])
    .flatMap((s) => (s.stageName ? [{ stageName: s.stageName, description: s.description ?? null }] : []))
    .sort((a, b) => a.stageName.localeCompare(b.stageName));
}

export async function getStageDetails(restApiId: string, stageName: string): Promise<StageDetails> {
  return toDetails(await apiGatewayClient().send(new GetStageCommand({ restApiId, stageName })));
}

/** Applies the operations in one UpdateStage call (AWS applies all of them or none) and answers the new stage. */
export async function updateStage(restApiId: string, stageName: string, patchOperations: PatchOperation[]): Promise<StageDetails> {
  return toDetails(await apiGatewayClient().send(new UpdateStageCommand({ restApiId, stageName, patchOperations })));
}

export async function flushStageCache(restApiId: string, stageName: string): Promise<void> {
  await apiGatewayClient().send(new FlushStageCacheCommand({ restApiId, stageName }));
}

export async function flushStageAuthorizersCache(restApiId: string, stageName: string): Promise<void> {
  await apiGatewayClient().send(new FlushStageAuthorizersCacheCommand({ restApiId, stageName }));
}

const METHOD_NAMES = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

/** The stage's methods, read from its OpenAPI export (GetExport): what per-method settings can apply to. */
export async function listStageMethods(restApiId: string, stageName: string): Promise<ApiMethod[]> {
  const document = await getOpenApiDocument(restApiId, stageName);
  const paths = (document as { paths?: unknown })?.paths;
  if (!paths || typeof paths !== "object") return [];
  const methods: ApiMethod[] = [];
  for (const [resourcePath, item] of Object.entries(paths as Record<string, unknown>)) {
    if (!resourcePath.startsWith("/") || !item || typeof item !== "object") continue;
    for (const name of Object.keys(item)) {
      const httpMethod = name === "x-amazon-apigateway-any-method" ? "ANY" : name.toUpperCase();
      if (httpMethod !== "ANY" && !METHOD_NAMES.has(httpMethod)) continue;
      methods.push({ resourcePath, httpMethod, key: methodSettingKey(resourcePath, httpMethod) });
    }
  }
  return methods.sort((a, b) => a.resourcePath.localeCompare(b.resourcePath) || a.httpMethod.localeCompare(b.httpMethod));
}
