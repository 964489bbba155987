"use server";

// Every export here is a public endpoint, built with serverAction (lib/actions/action-client.ts): it checks the
// policy and parses the input, then delegates to lib/stage and revalidates.
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/actions/server-action";
import { flushCache, resetMethodSetting, updateStageSettings } from "@/lib/stage/commands";
import { resetMethodSettingSchema, updateStageSettingsSchema } from "@/lib/stage/method-settings";
import { stageTargetSchema } from "@/lib/stage/selection";

export const flushStageCacheAction = serverAction("stage.cache.flush")
  .input(stageTargetSchema)
  .handler(({ actor, input }) => flushCache(actor, "stage.cache.flush", input));

export const flushAuthorizersCacheAction = serverAction("stage.authorizer_cache.flush")
  .input(stageTargetSchema)
  .handler(({ actor, input }) => flushCache(actor, "stage.authorizer_cache.flush", input));

export const updateStageSettingsAction = serverAction("stage.settings.update")
  .input(updateStageSettingsSchema)
  .handler(async ({ actor, input }) => {
    const result = await updateStageSettings(actor, input);
    if (result.ok) revalidatePath("/admin/stage");
    return result;
  });

export const resetMethodSettingAction = serverAction("stage.settings.update")
  .input(resetMethodSettingSchema)
  .handler(async ({ actor, input }) => {
    const result = await resetMethodSetting(actor, input);
    if (result.ok) revalidatePath("/admin/stage");
    return result;
  });
