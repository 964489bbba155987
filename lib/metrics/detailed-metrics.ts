import "server-only";
import { z } from "zod";
import { toAppError } from "@/lib/aws/errors";
import { getStageMetricsSettings, setStageDetailedMetrics } from "@/lib/aws/resources";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { invalidateViews } from "@/lib/metrics/view-cache";
import type { Actor } from "@/lib/policy/actor";
import { ok, type Result } from "@/lib/result";

export const detailedMetricsSchema = z.object({
  restApiId: z.string().regex(/^[a-z0-9]{1,32}$/, "Choose an API."),
  stage: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "Choose a stage."),
  enabled: z.enum(["true", "false"], { message: "Choose on or off." }).transform((v) => v === "true"),
});
export type DetailedMetricsInput = z.output<typeof detailedMetricsSchema>;

/**
 * Turns detailed CloudWatch metrics (per method: ApiName, Method, Resource, Stage) on or off for a stage with one
 * UpdateStage call, then audits it: a pure-AWS change, so the entry is written right after AWS answers, and a
 * failure entry when it refuses. The actor was authorized by the server action ("stage.detailed_metrics.set").
 */
export async function setDetailedMetrics(actor: Actor, input: DetailedMetricsInput): Promise<Result<{ enabled: boolean }>> {
  const target = { type: "stage", id: `${input.restApiId}/${input.stage}` };
  const audit = { actor: { userId: actor.userId, email: actor.email, role: actor.role }, action: "stage.detailed_metrics.set" as const, target };
  try {
    const current = await getStageMetricsSettings(input.restApiId, input.stage);
    await setStageDetailedMetrics(
      input.restApiId,
      input.stage,
      input.enabled,
      current.methodOverrides.map((o) => o.key),
    );
  } catch (error) {
    const appError = toAppError(error, input.enabled ? "Turning detailed metrics on" : "Turning detailed metrics off");
    await db.$transaction((tx) => recordAudit(tx, { ...audit, outcome: "failure", meta: { enabled: input.enabled, error: appError.code } }));
    return { ok: false, error: appError };
  }
  await db.$transaction((tx) => recordAudit(tx, { ...audit, meta: { enabled: input.enabled } }));
  invalidateViews(`view|`);
  return ok({ enabled: input.enabled });
}
