"use server";

// Every export here is a public endpoint: parse, delegate to lib/ (which authorizes), revalidate.
import { revalidatePath } from "next/cache";
import { formFields, runAction } from "@/lib/auth/run-action";
import { changeTier } from "@/lib/tiers/change-tier";
import { cancelOwnTierRequest } from "@/lib/tiers/tier-requests";

export async function changeTierAction(form: FormData) {
  const result = await runAction("change-tier", (actor) => changeTier(actor, formFields(form)));
  revalidatePath("/dashboard", "layout");
  return result;
}

export async function cancelTierRequestAction(requestId: string) {
  const result = await runAction("cancel-tier-request", (actor) => cancelOwnTierRequest(actor, requestId));
  revalidatePath("/dashboard/tier");
  return result;
}
