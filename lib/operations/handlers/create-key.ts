import "server-only";
import type { OperationHandler } from "@/lib/operations/handler";
import { abandonProvisioning, provisionKey } from "@/lib/operations/handlers/provision-key";
import { PermanentFailure } from "@/lib/operations/errors";

export const createKeyHandler: OperationHandler = {
  async run(ctx) {
    if (!ctx.apiKeyId) throw new PermanentFailure("CREATE_KEY needs a key record");
    return provisionKey(ctx.apiKeyId, { firstAttempt: ctx.attempt === 1 });
  },
  async compensate(ctx, reason) {
    if (ctx.apiKeyId) await abandonProvisioning(ctx.apiKeyId, reason);
  },
};
