import "server-only";
import { listRestApis, type RestApiSummary } from "@/lib/aws/api-gateway";
import { getStageDetails, listStageMethods, listStages, type ApiMethod, type StageDetails, type StageSummary } from "@/lib/aws/stages";
import { targetApi } from "@/lib/gateway/target-api";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { awsFailure } from "@/lib/stage/aws-failure";
import { parseMethodSettingKey, STAGE_DEFAULT_KEY, AWS_DEFAULT_SETTING, type EditableMethodSetting } from "@/lib/stage/method-settings";
import type { StageSelection } from "@/lib/stage/selection";

export interface MethodSettingRow {
  /** AWS's method setting key ("*\/*" or "~1data/GET"). */
  key: string;
  resourcePath: string;
  httpMethod: string;
  /** The method has its own entry (an override); otherwise it inherits the stage default. */
  overridden: boolean;
  effective: EditableMethodSetting;
}

export interface StagePageData {
  apis: RestApiSummary[];
  stages: StageSummary[];
  api: RestApiSummary;
  stage: StageDetails;
  /** The stage default first, then every method of the API (overridden or inheriting), then settings for unknown methods. */
  rows: MethodSettingRow[];
  /** Set when the API's methods could not be listed: only methods with their own settings are shown. */
  methodsUnavailable: boolean;
}

/** Everything /admin/stage shows for the chosen (or the target) API and stage. */
export async function loadStagePage(actor: Actor | null, selection: StageSelection): Promise<Result<StagePageData>> {
  const allowed = authorize(actor, "stage.read");
  if (!allowed.ok) return allowed;
  try {
    const [apis, target] = await Promise.all([listRestApis(), selection.api && selection.stage ? null : targetApi()]);
    const apiId = selection.api ?? target?.restApiId;
    const api = apis.find((a) => a.id === apiId);
    if (!api) return fail("not_found", "That API does not exist in this AWS account and region.");
    const stages = await listStages(api.id);
    const stageName = selection.stage ?? (api.id === target?.restApiId ? target.stage : stages[0]?.stageName);
    if (!stageName || !stages.some((s) => s.stageName === stageName)) {
      return fail("not_found", stages.length ? `The API ${api.name} has no stage "${stageName ?? ""}".` : `The API ${api.name} has no stages.`);
    }
    const [stage, methods] = await Promise.all([
      getStageDetails(api.id, stageName),
      listStageMethods(api.id, stageName).then(
        (m) => m,
        () => null,
      ),
    ]);
    return ok({ apis, stages, api, stage, rows: settingRows(stage, methods ?? []), methodsUnavailable: methods === null });
  } catch (error) {
    return awsFailure(error, "Reading the stage");
  }
}

export function settingRows(stage: Pick<StageDetails, "methodSettings">, methods: ApiMethod[]): MethodSettingRow[] {
  const stageDefault = stage.methodSettings[STAGE_DEFAULT_KEY] ?? AWS_DEFAULT_SETTING;
  const rows: MethodSettingRow[] = [
    { key: STAGE_DEFAULT_KEY, resourcePath: "*", httpMethod: "*", overridden: STAGE_DEFAULT_KEY in stage.methodSettings, effective: stageDefault },
  ];
  const seen = new Set<string>([STAGE_DEFAULT_KEY]);
  for (const m of methods) {
    seen.add(m.key);
    const own = stage.methodSettings[m.key];
    rows.push({ key: m.key, resourcePath: m.resourcePath, httpMethod: m.httpMethod, overridden: own !== undefined, effective: own ?? stageDefault });
  }
  for (const [key, own] of Object.entries(stage.methodSettings)) {
    if (seen.has(key)) continue;
    const parsed = parseMethodSettingKey(key);
    if (parsed) rows.push({ key, ...parsed, overridden: true, effective: own });
  }
  return rows;
}
