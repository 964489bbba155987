"use server";

// Every export here is a public endpoint: built with serverAction (session → policy → parsed input), delegating to
// lib/usage-history.
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/actions/server-action";
import { startManualSnapshot } from "@/lib/usage-history/start-snapshot";
import { snapshotRangeSchema } from "@/lib/usage-history/snapshot-range.schema";

export const startSnapshotAction = serverAction("usage_history.snapshot")
  .input(snapshotRangeSchema)
  .handler(async ({ actor, input }) => {
    const result = await startManualSnapshot(actor, input);
    revalidatePath("/billing/usage-history");
    return result;
  });
