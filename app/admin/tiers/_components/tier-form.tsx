"use client";

import { Plus, Pencil } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { createTierAction, updateTierAction } from "../actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, FieldErrors } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/select";
import type { TierSettings } from "@/lib/tiers/admin-plan";

const blank: TierSettings = { name: "", tagline: null, rateLimit: 10, burstLimit: 20, quotaLimit: 1000, quotaPeriod: "DAY", monthlyPriceCents: 0, visibility: "PUBLIC", maxKeys: 5 };

/** The create/edit form of a tier, in a dialog. Limits changes may queue (AWS paces UpdateUsagePlan): that is a success. */
export function TierDialog({ tier, stage }: { tier?: { id: string; settings: TierSettings }; stage: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const action = tier ? updateTierAction.bind(null, tier.id) : createTierAction;
  const { pending, feedback, onSubmit } = useActionForm(action, (data) => {
    toast.success(data.notice);
    setOpen(false);
    router.refresh();
  });
  const s = tier?.settings ?? blank;
  const id = (name: string) => `${tier?.id ?? "new"}-${name}`;
  const errors = feedback.fieldErrors;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {tier ? (
          <Button type="button" variant="outline" size="sm" aria-label={`Edit ${s.name}`}>
            <Pencil aria-hidden="true" /> Edit
          </Button>
        ) : (
          <Button type="button">
            <Plus aria-hidden="true" /> New tier
          </Button>
        )}
      </DialogTrigger>
      <DialogContent className="max-h-[90dvh] max-w-xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{tier ? `Edit ${s.name}` : "New tier"}</DialogTitle>
          <DialogDescription>
            {tier
              ? "Price, visibility and key limit change at once. New rate, burst or quota values are queued: AWS allows one usage plan update per 20 seconds."
              : `Creates a usage plan on the stage ${stage}, with the price and visibility in its tags.`}
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2" aria-busy={pending}>
          <div className="sm:col-span-2">
            <Field label="Name" name="name" id={id("name")} defaultValue={s.name} maxLength={60} required errors={errors.name} />
          </div>
          <div className="sm:col-span-2">
            <Field label="Tagline (optional)" name="tagline" id={id("tagline")} defaultValue={s.tagline ?? ""} maxLength={220} hint="One line customers see on the pricing page." errors={errors.tagline} />
          </div>
          <Field label="Rate limit (requests per second)" name="rateLimit" id={id("rateLimit")} inputMode="decimal" defaultValue={String(s.rateLimit)} errors={errors.rateLimit} />
          <Field label="Burst limit (requests)" name="burstLimit" id={id("burstLimit")} inputMode="numeric" defaultValue={String(s.burstLimit)} errors={errors.burstLimit} />
          <Field label="Quota (requests)" name="quotaLimit" id={id("quotaLimit")} inputMode="numeric" defaultValue={s.quotaLimit === null ? "" : String(s.quotaLimit)} hint="Empty for no quota." errors={errors.quotaLimit} />
          <div className="space-y-1.5">
            <label htmlFor={id("quotaPeriod")} className="block text-sm font-medium">
              Quota resets every
            </label>
            <NativeSelect id={id("quotaPeriod")} name="quotaPeriod" defaultValue={s.quotaPeriod ?? "DAY"} className="h-10" aria-invalid={errors.quotaPeriod ? true : undefined} aria-describedby={`${id("quotaPeriod")}-error`}>
              <option value="DAY">Day</option>
              <option value="WEEK">Week</option>
              <option value="MONTH">Month (from the 1st, UTC)</option>
            </NativeSelect>
            <FieldErrors id={`${id("quotaPeriod")}-error`} errors={errors.quotaPeriod} />
          </div>
          <Field label="Monthly price (USD)" name="price" id={id("price")} inputMode="decimal" defaultValue={(s.monthlyPriceCents / 100).toFixed(2)} hint="0 for a free tier." errors={errors.price} />
          <Field label="Keys per customer" name="maxKeys" id={id("maxKeys")} inputMode="numeric" defaultValue={String(s.maxKeys)} errors={errors.maxKeys} />
          <div className="space-y-1.5 sm:col-span-2">
            <label htmlFor={id("visibility")} className="block text-sm font-medium">
              Visibility
            </label>
            <NativeSelect id={id("visibility")} name="visibility" defaultValue={s.visibility} className="h-10" aria-invalid={errors.visibility ? true : undefined} aria-describedby={`${id("visibility")}-error`}>
              <option value="PUBLIC">Public: customers switch to it themselves</option>
              <option value="APPROVAL">Approval only: customers ask, an admin approves</option>
            </NativeSelect>
            <FieldErrors id={`${id("visibility")}-error`} errors={errors.visibility} />
          </div>
          <div aria-live="polite" className="sm:col-span-2 empty:hidden">
            {feedback.message ? <Alert tone="error">{feedback.message}</Alert> : null}
          </div>
          <div className="flex flex-col-reverse gap-2 sm:col-span-2 sm:flex-row sm:justify-end">
            <Button type="button" variant="outline" onClick={() => setOpen(false)} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending} aria-busy={pending}>
              {pending ? "Saving…" : tier ? "Save changes" : "Create tier"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
