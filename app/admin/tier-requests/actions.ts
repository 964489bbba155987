"use server";

// Every export here is a public endpoint: parse, delegate to lib/ (which authorizes), revalidate.
import { revalidatePath } from "next/cache";
import { formFields, runAction } from "@/lib/auth/run-action";
import { decideTierRequest } from "@/lib/tiers/tier-requests";

export async function decideTierRequestAction(requestId: string, form: FormData) {
  const result = await runAction("decide-tier-request", (actor) => decideTierRequest(actor, requestId, formFields(form)));
  revalidatePath("/admin/tier-requests");
  return result;
}
