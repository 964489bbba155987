import { z } from "zod";

/** `?api=<id>&stage=<name>` on admin pages that are per API and stage; anything malformed falls back to the target. */
export const stageSelectionSchema = z.object({
  api: z.string().regex(/^[a-zA-Z0-9]{1,64}$/).optional().catch(undefined),
  stage: z.string().regex(/^[a-zA-Z0-9_-]{1,128}$/).optional().catch(undefined),
});
export type StageSelection = z.output<typeof stageSelectionSchema>;

/** The API and stage a flush acts on. */
export const stageTargetSchema = z.object({
  api: z.string().trim().regex(/^[a-zA-Z0-9]{1,64}$/, "Choose an API."),
  stage: z.string().trim().regex(/^[a-zA-Z0-9_-]{1,128}$/, "Choose a stage."),
});
export type StageTarget = z.output<typeof stageTargetSchema>;
