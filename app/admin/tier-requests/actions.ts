"use server";

// Every export here is a public endpoint, built with serverAction (lib/actions/action-client.ts): it checks the
// policy and parses the input, then delegates to lib/tiers and revalidates.
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/actions/server-action";
import { decideTierRequestSchema } from "@/lib/tiers/tier-change.schema";
import { decideTierRequest } from "@/lib/tiers/tier-requests";
import { idSchema } from "@/lib/validation/id";

export const decideTierRequestAction = serverAction("tier.request.decide")
  .args(idSchema)
  .input(decideTierRequestSchema)
  .handler(async ({ actor, args: [requestId], input }) => {
    const result = await decideTierRequest(actor, requestId, input);
    revalidatePath("/admin/tier-requests");
    return result;
  });
