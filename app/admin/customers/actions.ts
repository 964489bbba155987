"use server";

// Every export here is a public endpoint: built with serverAction (session → policy → parsed input), delegating to lib/.
import { serverAction } from "@/lib/actions/server-action";
import { endUserSessions } from "@/lib/auth/sessions";
import { idSchema } from "@/lib/validation/id";

export const endUserSessionsAction = serverAction("user.end_sessions")
  .args(idSchema)
  .handler(({ actor, args: [userId] }) => endUserSessions(actor, userId));
