import "server-only";
import type { OperationKind } from "@/lib/generated/prisma";
import type { OperationHandler } from "@/lib/operations/handler";
import { bootstrapTiersHandler } from "@/lib/operations/handlers/bootstrap-tiers";
import { adoptKeyHandler } from "@/lib/operations/handlers/adopt-key";
import { createKeyHandler } from "@/lib/operations/handlers/create-key";
import { deleteCustomerHandler } from "@/lib/operations/handlers/delete-customer";
import { extendQuotaHandler } from "@/lib/operations/handlers/extend-quota";
import { moveTierHandler } from "@/lib/operations/handlers/move-tier";
import { retireTierHandler } from "@/lib/operations/handlers/retire-tier";
import { renameKeyHandler } from "@/lib/operations/handlers/rename-key";
import { revokeKeyHandler } from "@/lib/operations/handlers/revoke-key";
import { rotateKeyHandler } from "@/lib/operations/handlers/rotate-key";
import { setKeyEnabledHandler } from "@/lib/operations/handlers/set-key-enabled";
import { resumeCustomerHandler, suspendCustomerHandler } from "@/lib/operations/handlers/suspend-customer";
import { updateTierHandler } from "@/lib/operations/handlers/update-tier";

export const handlers: Record<OperationKind, OperationHandler> = {
  CREATE_KEY: createKeyHandler,
  SET_KEY_ENABLED: setKeyEnabledHandler,
  RENAME_KEY: renameKeyHandler,
  REVOKE_KEY: revokeKeyHandler,
  ROTATE_KEY: rotateKeyHandler,
  MOVE_TIER: moveTierHandler,
  DELETE_CUSTOMER: deleteCustomerHandler,
  SUSPEND_CUSTOMER: suspendCustomerHandler,
  RESUME_CUSTOMER: resumeCustomerHandler,
  EXTEND_QUOTA: extendQuotaHandler,
  BOOTSTRAP_TIERS: bootstrapTiersHandler,
  UPDATE_TIER: updateTierHandler,
  RETIRE_TIER: retireTierHandler,
  ADOPT_KEY: adoptKeyHandler,
};
