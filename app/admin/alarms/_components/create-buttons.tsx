"use client";

import { BellPlus, LayoutDashboard } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { createDashboardAction, createRecommendedAlarmsAction } from "../actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** "Create recommended alarms" and "Create dashboard", each after a confirmation naming the API and stage. */
export function CreateRecommendedButton({ apiId, apiName, stage, missing }: { apiId: string; apiName: string; stage: string; missing: number }) {
  const router = useRouter();
  async function create() {
    const result = await createRecommendedAlarmsAction({ apiId, stage });
    if (result.ok) toast.success(result.data.message);
    else toast.error(result.error.message);
    router.refresh();
  }
  return (
    <ConfirmDialog
      trigger={
        <Button type="button">
          <BellPlus aria-hidden="true" /> Create recommended alarms
        </Button>
      }
      title={`Create the recommended alarms on ${apiName} (${stage})?`}
      description={
        missing > 0
          ? `CloudWatch gets ${missing === 3 ? "the 3 alarms" : `the ${missing} missing alarm${missing === 1 ? "" : "s"}`} listed on this page, on API ${apiName}, stage ${stage}, without notification actions. Alarms that already exist are left as they are.`
          : `Every recommended alarm on API ${apiName}, stage ${stage} already exists: nothing will change.`
      }
      confirmLabel="Create alarms"
      pendingLabel="Creating…"
      onConfirm={create}
    />
  );
}

export function CreateDashboardButton({ apiId, apiName, stage, name, exists }: { apiId: string; apiName: string; stage: string; name: string; exists: boolean }) {
  const router = useRouter();
  async function create() {
    const result = await createDashboardAction({ apiId, stage });
    if (result.ok) toast.success(result.data.message);
    else toast.error(result.error.message);
    router.refresh();
  }
  return (
    <ConfirmDialog
      trigger={
        <Button type="button" variant="outline">
          <LayoutDashboard aria-hidden="true" /> Create dashboard
        </Button>
      }
      title={`Create the dashboard for ${apiName} (${stage})?`}
      description={
        exists
          ? `The dashboard ${name} already exists: nothing will change (it is never overwritten).`
          : `CloudWatch gets the dashboard ${name}: requests with 4XX and 5XX errors, and latency (average and p99) of API ${apiName}, stage ${stage}, every 5 minutes.`
      }
      confirmLabel="Create dashboard"
      pendingLabel="Creating…"
      onConfirm={create}
    />
  );
}
