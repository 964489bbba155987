"use server";

// Every export here is a public endpoint, built with serverAction (lib/actions/action-client.ts): it checks the
// policy and parses the input, then delegates to lib/alarms and revalidates.
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/actions/server-action";
import { apiStageInputSchema } from "@/lib/alarms/api-stage";
import { createDashboard, createRecommendedAlarms } from "@/lib/alarms/create";

export const createRecommendedAlarmsAction = serverAction("alarms.create_recommended")
  .input(apiStageInputSchema)
  .handler(async ({ actor, input }) => {
    const result = await createRecommendedAlarms(actor, input);
    revalidatePath("/admin/alarms");
    return result;
  });

export const createDashboardAction = serverAction("dashboard.create")
  .input(apiStageInputSchema)
  .handler(async ({ actor, input }) => {
    const result = await createDashboard(actor, input);
    revalidatePath("/admin/alarms");
    return result;
  });
