import { z } from "zod";
import { plainText } from "@/lib/validation/text";

export const renameKeySchema = z.object({ name: plainText("a key name", { max: 64 }) });

/** Grace periods offered when rotating: the old key keeps working this long, then is disabled automatically. */
export const ROTATION_GRACE = { now: 0, "1h": 3600, "24h": 86_400, "7d": 604_800 } as const;
export type RotationGrace = keyof typeof ROTATION_GRACE;

export const rotateKeySchema = z.object({
  grace: z.enum(["now", "1h", "24h", "7d"], { error: "Choose how long the old key keeps working." }),
});
