"use server";

// Every export here is a public endpoint: it delegates to lib/docs (which authorizes, validates and owns the key).
import { runAction } from "@/lib/auth/run-action";
import { tryRequest } from "@/lib/docs/try-request";

export async function tryRequestAction(input: unknown) {
  return runAction("try-request", (actor) => tryRequest(actor, input));
}
