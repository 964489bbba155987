"use server";

// Every export here is a public endpoint, built with serverAction (lib/actions/action-client.ts): it checks the
// policy and parses the input, then delegates to lib/tiers and revalidates.
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/actions/server-action";
import { changeTier } from "@/lib/tiers/change-tier";
import { changeTierSchema } from "@/lib/tiers/tier-change.schema";
import { cancelOwnTierRequest } from "@/lib/tiers/tier-requests";
import { idSchema } from "@/lib/validation/id";

export const changeTierAction = serverAction("tier.change")
  .input(changeTierSchema)
  .handler(async ({ actor, input }) => {
    const result = await changeTier(actor, input);
    revalidatePath("/dashboard", "layout");
    return result;
  });

export const cancelTierRequestAction = serverAction("tier.request.cancel")
  .args(idSchema)
  .handler(async ({ actor, args: [requestId] }) => {
    const result = await cancelOwnTierRequest(actor, requestId);
    revalidatePath("/dashboard/tier");
    return result;
  });
