import "server-only";
import type { OperationKind } from "@/lib/generated/prisma";
import type { OperationHandler } from "@/lib/operations/handler";
import { adoptKeyHandler } from "@/lib/operations/handlers/adopt-key";
import { createKeyHandler } from "@/lib/operations/handlers/create-key";
import { deleteCustomerHandler } from "@/lib/operations/handlers/delete-customer";
import { moveTierHandler } from "@/lib/operations/handlers/move-tier";
import { renameKeyHandler } from "@/lib/operations/handlers/rename-key";
import { revokeKeyHandler } from "@/lib/operations/handlers/revoke-key";
import { rotateKeyHandler } from "@/lib/operations/handlers/rotate-key";
import { setKeyEnabledHandler } from "@/lib/operations/handlers/set-key-enabled";

export const handlers: Record<OperationKind, OperationHandler> = {
  CREATE_KEY: createKeyHandler,
  SET_KEY_ENABLED: setKeyEnabledHandler,
  RENAME_KEY: renameKeyHandler,
  REVOKE_KEY: revokeKeyHandler,
  ROTATE_KEY: rotateKeyHandler,
  MOVE_TIER: moveTierHandler,
  DELETE_CUSTOMER: deleteCustomerHandler,
  ADOPT_KEY: adoptKeyHandler,
};
