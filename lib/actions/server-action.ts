import "server-only";
import { createActionClient } from "@/lib/actions/action-client";
import { getActor } from "@/lib/auth/session";

/**
 * Builds every server action in app/**\/actions.ts: `serverAction("<policy action>").args(...).input(schema).handler(...)`.
 * See lib/actions/action-client.ts for what it checks, in which order, and an example.
 */
export const serverAction = createActionClient({ getActor });
