"use client";

import { Camera } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { startSnapshotAction } from "../actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { rangeRulesText } from "@/lib/usage-history/snapshot-range.schema";

/** Billing staff take a snapshot of a range of days now; the runs table below shows its progress. */
export function SnapshotForm({ today, earliest, lookbackDays }: { today: string; earliest: string; lookbackDays: number }) {
  const router = useRouter();
  const { pending, feedback, onSubmit } = useActionForm(startSnapshotAction, (data) => {
    toast.success(`Snapshot started: ${data.days} day${data.days === 1 ? "" : "s"} of every key's usage.`);
    router.refresh();
  });
  const errors = feedback.fieldErrors;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="snapshot-heading" className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="First day (UTC)" name="from" id="snapshot-from" type="date" required min={earliest} max={today} defaultValue={today} errors={errors.from} />
        <Field label="Last day (UTC)" name="to" id="snapshot-to" type="date" required min={earliest} max={today} defaultValue={today} errors={errors.to} />
      </div>
      <p id="snapshot-rules" className="text-xs text-muted-foreground">
        {rangeRulesText} AWS keeps usage for about {lookbackDays} days, so the first day can be {earliest} at the earliest and the last day today ({today}) at
        the latest. Stored days are overwritten with AWS&apos;s current figures; days older than that stay as they are.
      </p>
      {feedback.message ? (
        <p role="alert" className="text-sm text-destructive">
          {feedback.message}
        </p>
      ) : null}
      <Button type="submit" disabled={pending} aria-busy={pending} aria-describedby="snapshot-rules">
        <Camera aria-hidden="true" /> {pending ? "Starting…" : "Take snapshot"}
      </Button>
    </form>
  );
}
