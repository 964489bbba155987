"use server";

// Every export here is a public endpoint: parse, delegate to lib/ (which authorizes), revalidate.
import { runAction } from "@/lib/auth/run-action";
import { endUserSessions } from "@/lib/auth/sessions";

export async function endUserSessionsAction(userId: string) {
  return runAction("end-user-sessions", (actor) => endUserSessions(actor, userId));
}
