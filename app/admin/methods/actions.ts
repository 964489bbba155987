"use server";

// Every export here is a public endpoint, built with serverAction (lib/actions/action-client.ts): it checks the
// policy and parses the input, then delegates to lib/metrics and revalidates.
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/actions/server-action";
import { detailedMetricsSchema, setDetailedMetrics } from "@/lib/metrics/detailed-metrics";

export const setDetailedMetricsAction = serverAction("stage.detailed_metrics.set")
  .input(detailedMetricsSchema)
  .handler(async ({ actor, input }) => {
    const result = await setDetailedMetrics(actor, input);
    revalidatePath("/admin/methods");
    return result;
  });
