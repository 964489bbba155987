"use server";

// Every export here is a public endpoint: built with serverAction (session → policy → parsed input), delegating to
// lib/operations.
import { revalidatePath } from "next/cache";
import { serverAction } from "@/lib/actions/server-action";
import { reconcileNow, reconcileReportLines, repairsIn } from "@/lib/operations/admin-reconcile";
import { retryOperation } from "@/lib/operations/admin-retry";
import { ok } from "@/lib/result";
import { idSchema } from "@/lib/validation/id";

export const retryOperationAction = serverAction("operation.retry")
  .args(idSchema)
  .handler(async ({ actor, args: [operationId] }) => {
    const result = await retryOperation(actor, operationId);
    revalidatePath("/admin/operations");
    return result;
  });

export interface ReconcileSummary {
  finishedAt: string;
  repaired: number;
  lines: { label: string; count: number; repair: boolean }[];
  errors: string[];
}

export const reconcileNowAction = serverAction("operation.reconcile").handler(async ({ actor }) => {
  const result = await reconcileNow(actor);
  if (!result.ok) return result;
  revalidatePath("/admin/operations");
  const { report, finishedAt } = result.data;
  return ok<ReconcileSummary>({
    finishedAt: finishedAt.toISOString(),
    repaired: repairsIn(report),
    lines: reconcileReportLines.map(({ key, label, repair }) => ({ label, count: report[key], repair })),
    errors: report.errors.slice(0, 20),
  });
});
