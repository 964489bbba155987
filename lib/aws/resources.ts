import "server-only";
import { GetResourcesCommand, GetStageCommand, UpdateStageCommand, type PatchOperation } from "@aws-sdk/client-api-gateway";
import { apiGatewayClient } from "@/lib/aws/clients";

// The REST API's resources and methods (GetResources), its stages (GetStages/GetStage) and the stage's detailed
// CloudWatch metrics switch (UpdateStage): what the admin metrics views need from API Gateway.

export interface ApiMethod {
  /** Resource path, e.g. "/pets/{id}": the `Resource` dimension of detailed metrics. */
  resource: string;
  method: string;
}

/** Every method of every resource (GetResources with embed=methods, paged by 500), sorted by path then verb. */
export async function listMethods(restApiId: string): Promise<ApiMethod[]> {
  const methods: ApiMethod[] = [];
  let position: string | undefined;
  do {
    const page = await apiGatewayClient().send(new GetResourcesCommand({ restApiId, embed: ["methods"], limit: 500, position }));
    for (const resource of page.items ?? []) {
      if (!resource.path) continue;
      for (const verb of Object.keys(resource.resourceMethods ?? {})) methods.push({ resource: resource.path, method: verb });
    }
    position = page.position;
  } while (position);
  return methods.sort((a, b) => a.resource.localeCompare(b.resource) || a.method.localeCompare(b.method));
}

export interface StageMetricsSettings {
  /** Detailed metrics for the stage as a whole (method setting "*\/*"). */
  detailedMetrics: boolean;
  /** Method-setting keys with their own entry ("~1data/GET"), and whether each has detailed metrics on. */
  methodOverrides: { key: string; detailedMetrics: boolean }[];
}

export async function getStageMetricsSettings(restApiId: string, stageName: string): Promise<StageMetricsSettings> {
  const stage = await apiGatewayClient().send(new GetStageCommand({ restApiId, stageName }));
  const settings = stage.methodSettings ?? {};
  return {
    detailedMetrics: settings["*/*"]?.metricsEnabled === true,
    methodOverrides: Object.entries(settings)
      .filter(([key]) => key !== "*/*")
      .map(([key, s]) => ({ key, detailedMetrics: s.metricsEnabled === true })),
  };
}

/**
 * Turns detailed metrics on or off for the whole stage in one UpdateStage call: the stage default ("/*\/*") and
 * every method that has settings of its own (an override does not follow the stage default).
 */
export async function setStageDetailedMetrics(restApiId: string, stageName: string, enabled: boolean, overrideKeys: string[]): Promise<void> {
  const value = enabled ? "true" : "false";
  const patchOperations: PatchOperation[] = [
    { op: "replace", path: "/*/*/metrics/enabled", value },
    ...overrideKeys.map((key): PatchOperation => ({ op: "replace", path: `/${key}/metrics/enabled`, value })),
  ];
  await apiGatewayClient().send(new UpdateStageCommand({ restApiId, stageName, patchOperations }));
}
