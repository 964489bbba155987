"use client";

import { Activity } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { setDetailedMetricsAction } from "../actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/**
 * Detailed CloudWatch metrics for the stage, on or off, after a confirmation naming the API and stage. The result is
 * a toast; a refusal stays in the dialog.
 */
export function DetailedMetricsSwitch({ restApiId, apiName, stage, enabled }: { restApiId: string; apiName: string; stage: string; enabled: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const next = !enabled;

  async function apply() {
    const form = new FormData();
    form.set("restApiId", restApiId);
    form.set("stage", stage);
    form.set("enabled", String(next));
    const result = await setDetailedMetricsAction(form);
    if (!result.ok) {
      setError(result.error.message);
      return false;
    }
    toast.success(`Detailed metrics are ${result.data.enabled ? "on" : "off"} for ${apiName} / ${stage}.`);
    router.refresh();
  }

  return (
    <ConfirmDialog
      trigger={
        <Button type="button" variant={enabled ? "outline" : "default"} onClick={() => setError(null)} data-testid="detailed-metrics-toggle">
          <Activity aria-hidden="true" /> {enabled ? "Turn detailed metrics off" : "Turn detailed metrics on"}
        </Button>
      }
      title={`Turn detailed metrics ${next ? "on" : "off"} for ${apiName} / ${stage}?`}
      description={
        next
          ? `API Gateway will send Count, errors, latency and cache metrics for every method of stage ${stage} to CloudWatch (dimensions ApiName, Method, Resource, Stage). CloudWatch bills detailed metrics as custom metrics.`
          : `API Gateway stops sending per-method metrics for stage ${stage}. The stage's own metrics and the per-method history already recorded stay.`
      }
      confirmLabel={next ? "Turn on" : "Turn off"}
      pendingLabel={next ? "Turning on…" : "Turning off…"}
      onConfirm={apply}
    >
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
