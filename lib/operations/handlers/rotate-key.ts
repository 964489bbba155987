import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { PermanentFailure } from "@/lib/operations/errors";
import type { OperationHandler } from "@/lib/operations/handler";
import { abandonProvisioning, provisionKey } from "@/lib/operations/handlers/provision-key";
import { setKeyEnabled } from "@/lib/operations/handlers/set-key-enabled";

const input = z.object({ newKeyId: z.string(), graceSeconds: z.number().int().min(0) });

/**
 * Rotation: a new key in the same plan first; then the old key is disabled at once (no grace) or by a scheduled
 * SET_KEY_ENABLED operation when the grace period ends, which survives restarts because it lives in the database.
 */
export const rotateKeyHandler: OperationHandler = {
  async run(ctx) {
    const { newKeyId, graceSeconds } = input.parse(ctx.input);
    if (!ctx.apiKeyId) throw new PermanentFailure("ROTATE_KEY needs the key being replaced");
    const result = await provisionKey(newKeyId, { firstAttempt: ctx.attempt === 1 });
    if (ctx.state.disableScheduled !== true) {
      if (graceSeconds === 0) {
        await setKeyEnabled(ctx.apiKeyId, false, "rotated");
      } else {
        const endsAt = new Date(Date.now() + graceSeconds * 1000);
        await db.$transaction([
          db.apiKey.update({ where: { id: ctx.apiKeyId }, data: { graceEndsAt: endsAt } }),
          db.operation.create({
            data: {
              kind: "SET_KEY_ENABLED",
              customerId: ctx.customerId,
              apiKeyId: ctx.apiKeyId,
              input: { enabled: false, reason: "rotation grace period ended" },
              runAfter: endsAt,
              createdById: ctx.createdById,
            },
          }),
        ]);
      }
      await ctx.save({ disableScheduled: true });
    }
    return result;
  },
  async compensate(ctx, reason) {
    const { newKeyId } = input.parse(ctx.input);
    await abandonProvisioning(newKeyId, reason); // the old key was never touched
  },
};
