import "server-only";
import { updateApiKey } from "@/lib/aws/api-gateway";
import { db } from "@/lib/db";
import { PermanentFailure } from "@/lib/operations/errors";
import type { OperationHandler } from "@/lib/operations/handler";

/** The name lives in the portal; AWS keeps it as the key's description so it reads the same in the console. */
export const renameKeyHandler: OperationHandler = {
  async run(ctx) {
    if (!ctx.apiKeyId) throw new PermanentFailure("RENAME_KEY needs a key");
    const record = await db.apiKey.findUniqueOrThrow({ where: { id: ctx.apiKeyId } });
    if (!record.awsKeyId || record.status === "REVOKED" || record.status === "FAILED") return undefined;
    await updateApiKey(record.awsKeyId, { description: record.name });
    return undefined;
  },
};
