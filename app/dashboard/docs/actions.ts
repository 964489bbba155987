"use server";

// Every export here is a public endpoint, built with serverAction (lib/actions/action-client.ts): it checks the
// policy and parses the request's fields; lib/docs checks the route against the published docs and owns the key.
import { serverAction } from "@/lib/actions/server-action";
import { tryRequest } from "@/lib/docs/try-request";
import { tryRequestFields } from "@/lib/docs/try-request.schema";

export const tryRequestAction = serverAction("docs.try")
  .input(tryRequestFields, { invalid: "Please correct the request before sending it." })
  .handler(({ actor, input }) => tryRequest(actor, input));
