"use server";

// Every export here is a public endpoint, built with serverAction (lib/actions/action-client.ts): it checks the
// policy, then delegates to lib/usage (the customer comes from the session) and revalidates.
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/actions/server-action";
import { ok } from "@/lib/result";
import { refreshOwnUsage } from "@/lib/usage/refresh-own-usage";

/** "Refresh now", and the usage page's refresh of stale figures: reads the customer's usage from AWS. */
export const refreshUsageAction = serverAction("usage.refresh").handler(async ({ actor }) => {
  const refreshed = await refreshOwnUsage(actor);
  revalidatePath("/dashboard/usage");
  return refreshed.ok ? ok({ syncedAt: refreshed.data.syncedAt?.toISOString() ?? null }) : refreshed;
});
