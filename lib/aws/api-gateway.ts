import "server-only";
import {
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  DeleteUsagePlanKeyCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetRestApisCommand,
  GetStagesCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  UpdateApiKeyCommand,
  type PatchOperation,
  type UsagePlan,
} from "@aws-sdk/client-api-gateway";
import { apiGatewayClient } from "@/lib/aws/clients";

// The only module that speaks to API Gateway. It pages internally and returns Gatehouse's own types.

export interface RestApiSummary {
  id: string;
  name: string;
}

export interface UsagePlanSummary {
  id: string;
  name: string;
  description: string | null;
  rateLimit: number | null;
  burstLimit: number | null;
  quotaLimit: number | null;
  quotaPeriod: "DAY" | "WEEK" | "MONTH" | null;
  stages: { apiId: string; stage: string }[];
  tags: Record<string, string>;
}

export interface CreatedApiKey {
  id: string;
  value: string;
}

/** Every item of a paged API Gateway list (pages of 500, following `position`). */
async function allPages<T>(fetchPage: (position: string | undefined) => Promise<{ items?: T[]; position?: string }>): Promise<T[]> {
  const items: T[] = [];
  let position: string | undefined;
  do {
    const page = await fetchPage(position);
    items.push(...(page.items ?? []));
    position = page.position;
  } while (position);
  return items;
}

export async function listRestApis(): Promise<RestApiSummary[]> {
  const apis = await allPages((position) => apiGatewayClient().send(new GetRestApisCommand({ limit: 500, position })));
  return apis.flatMap((api) => (api.id && api.name ? [{ id: api.id, name: api.name }] : []));
}

export async function listUsagePlans(): Promise<UsagePlanSummary[]> {
  const plans = await allPages((position) => apiGatewayClient().send(new GetUsagePlansCommand({ limit: 500, position })));
  return plans.flatMap((plan) => toUsagePlanSummary(plan) ?? []);
}

function toUsagePlanSummary(plan: UsagePlan): UsagePlanSummary | null {
  if (!plan.id || !plan.name) return null;
  const period = plan.quota?.period;
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description ?? null,
    rateLimit: plan.throttle?.rateLimit ?? null,
    burstLimit: plan.throttle?.burstLimit ?? null,
    quotaLimit: plan.quota?.limit ?? null,
    quotaPeriod: period === "DAY" || period === "WEEK" || period === "MONTH" ? period : null,
    stages: (plan.apiStages ?? []).flatMap((s) => (s.apiId && s.stage ? [{ apiId: s.apiId, stage: s.stage }] : [])),
    tags: plan.tags ?? {},
  };
}

export async function createApiKey(input: {
  name: string;
  description: string;
  customerId: string;
  tags: Record<string, string>;
}): Promise<CreatedApiKey> {
  const key = await apiGatewayClient().send(
    new CreateApiKeyCommand({
      name: input.name,
      description: input.description,
      enabled: true,
      customerId: input.customerId,
      tags: input.tags,
    }),
  );
  if (!key.id || !key.value) throw new Error("CreateApiKey answered without an id or value");
  return { id: key.id, value: key.value };
}

export async function addKeyToUsagePlan(usagePlanId: string, keyId: string): Promise<void> {
  await apiGatewayClient().send(new CreateUsagePlanKeyCommand({ usagePlanId, keyId, keyType: "API_KEY" }));
}

/** The key's value, read from AWS each time (Gatehouse never stores it). */
export async function getApiKeyValue(keyId: string): Promise<string> {
  const key = await apiGatewayClient().send(new GetApiKeyCommand({ apiKey: keyId, includeValue: true }));
  if (!key.value) throw new Error("GetApiKey answered without a value");
  return key.value;
}

export async function deleteApiKey(keyId: string): Promise<void> {
  await apiGatewayClient().send(new DeleteApiKeyCommand({ apiKey: keyId }));
}

export interface ApiKeySummary {
  id: string;
  name: string;
  enabled: boolean;
  customerId: string | null;
  tags: Record<string, string>;
}

/** Every key whose name starts with `prefix` (API Gateway's name filter is a prefix match). */
export async function listApiKeysByNamePrefix(prefix: string): Promise<ApiKeySummary[]> {
  const keys = await allPages((position) =>
    apiGatewayClient().send(new GetApiKeysCommand({ nameQuery: prefix, limit: 500, position, includeValues: false })),
  );
  return keys.flatMap((k) =>
    k.id && k.name ? [{ id: k.id, name: k.name, enabled: k.enabled === true, customerId: k.customerId ?? null, tags: k.tags ?? {} }] : [],
  );
}

export async function updateApiKey(keyId: string, changes: { enabled?: boolean; description?: string }): Promise<void> {
  const patchOperations: PatchOperation[] = [];
  if (changes.enabled !== undefined) patchOperations.push({ op: "replace", path: "/enabled", value: String(changes.enabled) });
  if (changes.description !== undefined) patchOperations.push({ op: "replace", path: "/description", value: changes.description });
  if (patchOperations.length === 0) return;
  await apiGatewayClient().send(new UpdateApiKeyCommand({ apiKey: keyId, patchOperations }));
}

export async function removeKeyFromUsagePlan(usagePlanId: string, keyId: string): Promise<void> {
  await apiGatewayClient().send(new DeleteUsagePlanKeyCommand({ usagePlanId, keyId }));
}

/** Ids of the usage plans a key belongs to. */
export async function usagePlanIdsOfKey(keyId: string): Promise<string[]> {
  const plans = await allPages((position) => apiGatewayClient().send(new GetUsagePlansCommand({ keyId, limit: 500, position })));
  return plans.flatMap((plan) => (plan.id ? [plan.id] : []));
}

/** Ids of every key in a usage plan. */
export async function keyIdsInUsagePlan(usagePlanId: string): Promise<string[]> {
  const keys = await allPages((position) => apiGatewayClient().send(new GetUsagePlanKeysCommand({ usagePlanId, limit: 500, position })));
  return keys.flatMap((key) => (key.id ? [key.id] : []));
}

/** Names of a REST API's stages, sorted (GetStages is not paged). Used by the admin views' API and stage selector. */
export async function listStageNames(restApiId: string): Promise<string[]> {
  const stages = await apiGatewayClient().send(new GetStagesCommand({ restApiId }));
  return (stages.item ?? []).flatMap((s) => (s.stageName ? [s.stageName] : [])).sort();
}
