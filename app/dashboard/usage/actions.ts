"use server";

// Every export here is a public endpoint: delegate to lib/ (which authorizes), revalidate.
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/auth/run-action";
import { ok } from "@/lib/result";
import { refreshOwnUsage } from "@/lib/usage/refresh-own-usage";

/** "Refresh now": reads the signed-in customer's usage from AWS (the customer comes from the session). */
export async function refreshUsageAction() {
  const result = await runAction("refresh-usage", async (actor) => {
    const refreshed = await refreshOwnUsage(actor);
    return refreshed.ok ? ok({ syncedAt: refreshed.data.syncedAt?.toISOString() ?? null }) : refreshed;
  });
  revalidatePath("/dashboard/usage");
  return result;
}
