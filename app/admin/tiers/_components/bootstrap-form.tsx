"use client";

import { Sprout } from "lucide-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { bootstrapTiersAction } from "../actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldErrors } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/select";

export interface StageChoice {
  value: string;
  label: string;
  plans: string[];
}

/** Creates the seed's basic, premium and enterprise plans on a stage that has none. */
export function BootstrapForm({ stages, defaultValue }: { stages: StageChoice[]; defaultValue: string }) {
  const router = useRouter();
  const { pending, feedback, onSubmit } = useActionForm(bootstrapTiersAction, (data) => {
    toast.success(data.notice);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-busy={pending}>
      <div className="space-y-1.5">
        <label htmlFor="apiStage" className="block text-sm font-medium">
          API stage
        </label>
        <NativeSelect id="apiStage" name="apiStage" defaultValue={defaultValue} className="h-10 sm:max-w-md" aria-describedby="apiStage-error" aria-invalid={feedback.fieldErrors.apiStage ? true : undefined}>
          {stages.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
              {s.plans.length ? ` (has ${s.plans.length} plan${s.plans.length === 1 ? "" : "s"})` : ""}
            </option>
          ))}
        </NativeSelect>
        <FieldErrors id="apiStage-error" errors={feedback.fieldErrors.apiStage} />
      </div>
      <div aria-live="polite" className="empty:hidden">
        {feedback.message && !feedback.fieldErrors.apiStage ? <Alert tone="error">{feedback.message}</Alert> : null}
      </div>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        <Sprout aria-hidden="true" />
        {pending ? "Creating plans…" : "Create basic, premium and enterprise"}
      </Button>
    </form>
  );
}
