import "server-only";
import {
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  GetApiKeyCommand,
  GetRestApisCommand,
  GetUsagePlansCommand,
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

export async function listRestApis(): Promise<RestApiSummary[]> {
  const apis: RestApiSummary[] = [];
  let position: string | undefined;
  do {
    const page = await apiGatewayClient().send(new GetRestApisCommand({ limit: 500, position }));
    for (const api of page.items ?? []) if (api.id && api.name) apis.push({ id: api.id, name: api.name });
    position = page.position;
  } while (position);
  return apis;
}

export async function listUsagePlans(): Promise<UsagePlanSummary[]> {
  const plans: UsagePlanSummary[] = [];
  let position: string | undefined;
  do {
    const page = await apiGatewayClient().send(new GetUsagePlansCommand({ limit: 500, position }));
    for (const plan of page.items ?? []) {
      const summary = toUsagePlanSummary(plan);
      if (summary) plans.push(summary);
    }
    position = page.position;
  } while (position);
  return plans;
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
