import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { flushStageAuthorizersCache, flushStageCache, getStageDetails, updateStage } from "@/lib/aws/stages";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma";
import type { PolicyAction } from "@/lib/policy/action-names";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { awsFailure } from "@/lib/stage/aws-failure";
import {
  AWS_DEFAULT_SETTING,
  describeTarget,
  desiredSetting,
  resetPatch,
  samePatch,
  settingPatch,
  STAGE_DEFAULT_KEY,
  type PatchOperation,
} from "@/lib/stage/method-settings";
import type { StageTarget } from "@/lib/stage/selection";
import type { z } from "zod";
import type { resetMethodSettingSchema, updateStageSettingsSchema } from "@/lib/stage/method-settings";

// Changes to an API Gateway stage from the admin console. Each is one AWS call (AWS applies an UpdateStage's
// operations all or none), audited right after AWS answers: a success entry, or a failure entry when AWS refused.

async function audit(actor: Actor, action: PolicyAction, target: StageTarget, outcome: "success" | "failure", meta: Prisma.InputJsonValue) {
  await db.$transaction((tx) =>
    recordAudit(tx, { actor, action, target: { type: "stage", id: `${target.api}/${target.stage}` }, outcome, meta }),
  );
}

const FLUSHES = {
  "stage.cache.flush": { run: flushStageCache, doing: "Flushing the stage cache", done: "Stage cache flushed" },
  "stage.authorizer_cache.flush": { run: flushStageAuthorizersCache, doing: "Flushing the authorizer cache", done: "Authorizer cache flushed" },
} as const;

/** FlushStageCache or FlushStageAuthorizersCache on one API stage, audited. */
export async function flushCache(
  actor: Actor | null,
  action: keyof typeof FLUSHES,
  target: StageTarget,
): Promise<Result<{ message: string }>> {
  const allowed = authorize(actor, action);
  if (!allowed.ok || !actor) return allowed.ok ? fail("unauthenticated", "Please sign in.") : allowed;
  const flush = FLUSHES[action];
  try {
    await flush.run(target.api, target.stage);
  } catch (error) {
    const failure = awsFailure(error, flush.doing);
    await audit(actor, action, target, "failure", { api: target.api, stage: target.stage, error: failure.error.code });
    return failure;
  }
  await audit(actor, action, target, "success", { api: target.api, stage: target.stage });
  return ok({ message: `${flush.done} for ${target.stage} of API ${target.api}.` });
}

type UpdateInput = z.output<typeof updateStageSettingsSchema>;

/**
 * Applies a throttling/caching edit of one target (the stage default or one method) through UpdateStage. The patch is
 * recomputed from the stage as AWS has it now; if it differs from the one the admin previewed (someone else changed
 * the stage meanwhile), nothing is sent and the admin is asked to review the new preview.
 */
export async function updateStageSettings(actor: Actor | null, input: UpdateInput): Promise<Result<{ message: string; operations: PatchOperation[] }>> {
  const allowed = authorize(actor, "stage.settings.update");
  if (!allowed.ok || !actor) return allowed.ok ? fail("unauthenticated", "Please sign in.") : allowed;
  const target = { api: input.api, stage: input.stage };
  let operations: PatchOperation[];
  try {
    const stage = await getStageDetails(input.api, input.stage);
    const stageDefault = stage.methodSettings[STAGE_DEFAULT_KEY] ?? AWS_DEFAULT_SETTING;
    const current = stage.methodSettings[input.target] ?? stageDefault;
    operations = settingPatch(input.target, current, desiredSetting(input)).map((line) => line.operation);
  } catch (error) {
    return awsFailure(error, "Reading the stage");
  }
  if (operations.length === 0) return fail("invalid", "Nothing to change: these are already the settings of " + describeTarget(input.target) + ".");
  if (!samePatch(operations, input.previewed)) {
    return fail("conflict", "The stage changed since you opened the preview. Review the changes again before applying them.");
  }
  return applyPatch(actor, target, input.target, operations);
}

/** Removes one method's own settings so it inherits the stage default again. */
export async function resetMethodSetting(actor: Actor | null, input: z.output<typeof resetMethodSettingSchema>): Promise<Result<{ message: string; operations: PatchOperation[] }>> {
  const allowed = authorize(actor, "stage.settings.update");
  if (!allowed.ok || !actor) return allowed.ok ? fail("unauthenticated", "Please sign in.") : allowed;
  return applyPatch(actor, { api: input.api, stage: input.stage }, input.target, [resetPatch(input.target)]);
}

async function applyPatch(actor: Actor, target: StageTarget, key: string, operations: PatchOperation[]) {
  const meta = { api: target.api, stage: target.stage, target: key, operations: operations.map((o) => ({ ...o })) };
  try {
    await updateStage(target.api, target.stage, operations);
  } catch (error) {
    const failure = awsFailure(error, "Updating the stage");
    await audit(actor, "stage.settings.update", target, "failure", { ...meta, error: failure.error.code });
    return failure;
  }
  await audit(actor, "stage.settings.update", target, "success", meta);
  const what = describeTarget(key);
  const message = operations[0]?.op === "remove" ? `${what} now follows the stage default.` : `Updated ${what}: ${operations.length} change${operations.length === 1 ? "" : "s"} applied.`;
  return ok({ message, operations });
}
