import "server-only";
import {
  CreateUsagePlanCommand,
  DeleteUsagePlanCommand,
  GetRestApisCommand,
  GetStagesCommand,
  GetUsagePlanCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateUsagePlanCommand,
  type PatchOperation,
  type UsagePlan,
} from "@aws-sdk/client-api-gateway";
import type { UsagePlanSummary } from "@/lib/aws/api-gateway";
import { apiGatewayClient } from "@/lib/aws/clients";

// Usage plans as the tier administration needs them: create, patch, tag, delete, and the API stages to put them on.
// UpdateUsagePlan is limited by AWS to 1 call per 20 s per account: callers go through UPDATE_TIER operations,
// which pace it (lib/tiers/admin-pacing.ts).

export interface NewUsagePlan {
  name: string;
  description: string | null;
  apiId: string;
  stage: string;
  rateLimit: number;
  burstLimit: number;
  quota: { limit: number; period: "DAY" | "WEEK" | "MONTH" } | null;
  tags: Record<string, string>;
}

export interface ApiStage {
  apiId: string;
  apiName: string;
  stage: string;
}

function summary(plan: UsagePlan): UsagePlanSummary {
  const period = plan.quota?.period;
  return {
    id: plan.id ?? "",
    name: plan.name ?? "",
    description: plan.description ?? null,
    rateLimit: plan.throttle?.rateLimit ?? null,
    burstLimit: plan.throttle?.burstLimit ?? null,
    quotaLimit: plan.quota?.limit ?? null,
    quotaPeriod: period === "DAY" || period === "WEEK" || period === "MONTH" ? period : null,
    stages: (plan.apiStages ?? []).flatMap((s) => (s.apiId && s.stage ? [{ apiId: s.apiId, stage: s.stage }] : [])),
    tags: plan.tags ?? {},
  };
}

/** Creates a plan on one API stage; the stage-level throttle mirrors the plan's (the seed's `*\/*` default). */
export async function createUsagePlan(plan: NewUsagePlan): Promise<UsagePlanSummary> {
  const throttle = { rateLimit: plan.rateLimit, burstLimit: plan.burstLimit };
  const created = await apiGatewayClient().send(
    new CreateUsagePlanCommand({
      name: plan.name,
      description: plan.description ?? undefined,
      apiStages: [{ apiId: plan.apiId, stage: plan.stage }],
      throttle,
      quota: plan.quota ? { limit: plan.quota.limit, period: plan.quota.period, offset: 0 } : undefined,
      tags: plan.tags,
    }),
  );
  if (!created.id) throw new Error("CreateUsagePlan answered without an id");
  return summary(created);
}

export async function getUsagePlan(usagePlanId: string): Promise<UsagePlanSummary> {
  return summary(await apiGatewayClient().send(new GetUsagePlanCommand({ usagePlanId })));
}

/** One UpdateUsagePlan call (all operations at once: AWS applies them together or not at all). */
export async function patchUsagePlan(usagePlanId: string, patchOperations: PatchOperation[]): Promise<UsagePlanSummary> {
  return summary(await apiGatewayClient().send(new UpdateUsagePlanCommand({ usagePlanId, patchOperations })));
}

async function usagePlanArn(usagePlanId: string): Promise<string> {
  const region = await apiGatewayClient().config.region();
  return `arn:aws:apigateway:${region}::/usageplans/${usagePlanId}`;
}

/** Sets tags (TagResource) and removes others (UntagResource); not subject to UpdateUsagePlan's limit. */
export async function setUsagePlanTags(usagePlanId: string, set: Record<string, string>, remove: string[] = []): Promise<void> {
  const resourceArn = await usagePlanArn(usagePlanId);
  if (Object.keys(set).length > 0) await apiGatewayClient().send(new TagResourceCommand({ resourceArn, tags: set }));
  if (remove.length > 0) await apiGatewayClient().send(new UntagResourceCommand({ resourceArn, tagKeys: remove }));
}

/** Deletes a plan: AWS refuses while it covers a stage, so the stages are detached first (one UpdateUsagePlan). */
export async function deleteUsagePlan(usagePlanId: string): Promise<void> {
  let plan: UsagePlanSummary;
  try {
    plan = await getUsagePlan(usagePlanId);
  } catch (error) {
    if (error instanceof Error && error.name === "NotFoundException") return; // already gone
    throw error;
  }
  if (plan.stages.length > 0) {
    await patchUsagePlan(
      usagePlanId,
      plan.stages.map((s) => ({ op: "remove", path: "/apiStages", value: `${s.apiId}:${s.stage}` })),
    );
  }
  await apiGatewayClient().send(new DeleteUsagePlanCommand({ usagePlanId }));
}

/** Every stage of every REST API in the account (GetRestApis, then GetStages per API). */
export async function listApiStages(): Promise<ApiStage[]> {
  const apis = await apiGatewayClient().send(new GetRestApisCommand({ limit: 500 }));
  const stages: ApiStage[] = [];
  for (const api of apis.items ?? []) {
    if (!api.id) continue;
    const found = await apiGatewayClient().send(new GetStagesCommand({ restApiId: api.id }));
    for (const stage of found.item ?? []) {
      if (stage.stageName) stages.push({ apiId: api.id, apiName: api.name ?? api.id, stage: stage.stageName });
    }
  }
  return stages.sort((a, b) => a.apiName.localeCompare(b.apiName) || a.stage.localeCompare(b.stage));
}
