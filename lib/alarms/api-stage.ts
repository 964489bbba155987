import "server-only";
import { z } from "zod";
import { listRestApis, listStageNames, type RestApiSummary } from "@/lib/aws/api-gateway";
import { targetApi } from "@/lib/gateway/target-api";

/** `?api=<rest api id>&stage=<name>` as the admin views carry them; anything else is ignored (the target is used). */
export const apiStageParamsSchema = z.object({
  api: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{1,64}$/, "Choose an API from the list.")
    .optional()
    .catch(undefined),
  stage: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,128}$/, "Choose a stage from the list.")
    .optional()
    .catch(undefined),
});

/** The input of actions on one API stage: omitted fields mean the API and stage the portal fronts. */
export const apiStageInputSchema = z.object({
  apiId: z
    .string()
    .trim()
    .max(64)
    .regex(/^[A-Za-z0-9]*$/, "Choose an API from the list.")
    .optional()
    .transform((v) => v || undefined),
  stage: z
    .string()
    .trim()
    .max(128)
    .regex(/^[A-Za-z0-9_-]*$/, "Choose a stage from the list.")
    .optional()
    .transform((v) => v || undefined),
});
export type ApiStageInput = { apiId?: string; stage?: string };

export interface ApiStageSelection {
  apis: RestApiSummary[];
  /** The chosen API's stages. */
  stages: string[];
  api: RestApiSummary;
  stage: string;
  /** Set when the URL asked for an API or stage that does not exist and the view fell back. */
  notice: string | null;
}

/**
 * The API and stage an admin view shows: the requested ones when they exist, else the portal's target API and
 * stage (GetRestApis + GetStages). Returns null when there is no API at all.
 */
export async function selectApiStage(requested: { api?: string; stage?: string }): Promise<ApiStageSelection | null> {
  const apis = (await listRestApis()).sort((a, b) => a.name.localeCompare(b.name));
  if (apis.length === 0) return null;
  let notice: string | null = null;
  let api = requested.api ? apis.find((a) => a.id === requested.api) : undefined;
  if (requested.api && !api) notice = `There is no API with id ${requested.api}; showing the portal's API instead.`;
  if (!api) {
    const target = await targetApi().catch(() => null);
    api = (target && apis.find((a) => a.id === target.restApiId)) ?? apis[0]!;
  }
  const stages = await listStageNames(api.id);
  let stage = requested.stage && stages.includes(requested.stage) ? requested.stage : undefined;
  if (requested.stage && !stage && !notice) notice = `${api.name} has no stage ${requested.stage}; showing another stage.`;
  if (!stage) {
    const target = await targetApi().catch(() => null);
    stage = target && target.restApiId === api.id && stages.includes(target.stage) ? target.stage : stages[0];
  }
  return { apis, stages, api, stage: stage ?? "", notice };
}

/** For actions: the API (by id, default the target) and stage, which must both exist. */
export async function resolveApiStage(input: ApiStageInput): Promise<{ api: RestApiSummary; stage: string } | { error: string }> {
  const target = input.apiId && input.stage ? null : await targetApi();
  const apiId = input.apiId ?? target?.restApiId ?? "";
  const api = (await listRestApis()).find((a) => a.id === apiId);
  if (!api) return { error: `There is no API with id ${apiId}.` };
  const stage = input.stage ?? (target && target.restApiId === api.id ? target.stage : undefined);
  const stages = await listStageNames(api.id);
  if (!stage || !stages.includes(stage)) return { error: `${api.name} has no stage ${stage ?? "(none given)"}.` };
  return { api, stage };
}
