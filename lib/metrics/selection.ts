import "server-only";
import { z } from "zod";
import { listRestApis, listStageNames, type RestApiSummary } from "@/lib/aws/api-gateway";
import { toAppError } from "@/lib/aws/errors";
import { targetApi } from "@/lib/gateway/target-api";
import { cachedView } from "@/lib/metrics/view-cache";
import { rangeSchema, type RangeKey } from "@/lib/metrics/ranges";
import { fail, ok, type Result } from "@/lib/result";

// Which API and stage an admin metrics view shows: `?api=<id>&stage=<name>` from the URL, validated, defaulting to
// the API and stage the portal fronts. The lists for the selector come from GetRestApis and GetStages (cached for a
// minute like the views, so paging through ranges does not spend the account's control-plane budget).

export const selectionParamsSchema = z.object({
  api: z
    .string()
    .regex(/^[a-z0-9]{1,32}$/)
    .optional()
    .catch(undefined),
  stage: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,128}$/)
    .optional()
    .catch(undefined),
  range: rangeSchema.optional().transform((r): RangeKey => r ?? "24h"),
});
export type SelectionParams = z.infer<typeof selectionParamsSchema>;

export interface Selection {
  apis: RestApiSummary[];
  stages: string[];
  api: RestApiSummary;
  stage: string;
  range: RangeKey;
}

export async function resolveSelection(params: SelectionParams): Promise<Result<Selection>> {
  try {
    const target = await targetApi();
    const { value: apis } = await cachedView("apis", () => listRestApis());
    const api = apis.find((a) => a.id === (params.api ?? target.restApiId));
    if (!api) return fail("not_found", `There is no REST API with id "${params.api}" in this account.`);
    const { value: stages } = await cachedView(`stages|${api.id}`, () => listStageNames(api.id));
    const wanted = params.stage ?? (api.id === target.restApiId ? target.stage : stages[0]);
    if (!wanted || !stages.includes(wanted)) {
      return fail("not_found", wanted ? `The API ${api.name} has no stage "${wanted}".` : `The API ${api.name} has no stages.`);
    }
    return ok({ apis: [...apis].sort((a, b) => a.name.localeCompare(b.name)), stages, api, stage: wanted, range: params.range });
  } catch (error) {
    return { ok: false, error: toAppError(error, "Loading the APIs and stages") };
  }
}
