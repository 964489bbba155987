"use client";

import { KeyRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { adoptKeyAction } from "../actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, FieldErrors } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/select";
import type { AdoptionTier } from "@/lib/keys/adopt-keys";

export interface AdoptableKey {
  id: string;
  name: string;
}

/** "Adopt…" on a row: the key goes to an existing customer (by a user's e-mail) or a new customer invited by e-mail. */
export function AdoptDialog({ awsKey, tiers }: { awsKey: AdoptableKey; tiers: AdoptionTier[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState<"existing" | "new">("existing");
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const prefix = `adopt-${awsKey.id}`;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      setMessage(null);
      setErrors({});
      const result = await adoptKeyAction(form);
      if (!result.ok) {
        setErrors(result.error.fieldErrors ?? {});
        setMessage(result.error.message);
        return;
      }
      const who = result.data.invited ? "the new customer (invitation sent)" : "the customer";
      toast.success(result.data.notice ?? `Key ${awsKey.id} adopted into ${who}. Its value is unchanged.`);
      setOpen(false);
      router.refresh();
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setMessage(null);
          setErrors({});
        }
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm" variant="outline" aria-label={`Adopt key ${awsKey.name}`}>
          <KeyRound aria-hidden="true" /> Adopt…
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[calc(100dvh-2rem)] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>Adopt key {awsKey.name}</DialogTitle>
          <DialogDescription>
            Key <code className="font-mono">{awsKey.id}</code> keeps its value, so whoever uses it sees no change. It moves to the customer&apos;s tier plan
            (leaving the portal&apos;s other tier plans) and is renamed as the portal&apos;s key.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={`Adopt key ${awsKey.name}`}>
          <input type="hidden" name="awsKeyId" value={awsKey.id} />
          <Field label="Key name in the portal" name="name" id={`${prefix}-name`} defaultValue={awsKey.name.slice(0, 64)} maxLength={64} required errors={errors.name} />
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Customer</legend>
            <div className="flex flex-wrap gap-4 text-sm">
              <label className="inline-flex items-center gap-2">
                <input type="radio" name="target" value="existing" checked={target === "existing"} onChange={() => setTarget("existing")} className="accent-primary" />
                Existing customer
              </label>
              <label className="inline-flex items-center gap-2">
                <input type="radio" name="target" value="new" checked={target === "new"} onChange={() => setTarget("new")} className="accent-primary" />
                New customer, invited by e-mail
              </label>
            </div>
            <FieldErrors id={`${prefix}-target-error`} errors={errors.target} />
          </fieldset>
          {target === "existing" ? (
            <Field
              label="E-mail of one of the customer's users"
              name="customerEmail"
              id={`${prefix}-customer`}
              type="email"
              autoComplete="off"
              maxLength={254}
              required
              errors={errors.customerEmail}
            />
          ) : (
            <div className="space-y-4">
              <Field label="E-mail to invite" name="email" id={`${prefix}-email`} type="email" autoComplete="off" maxLength={254} required errors={errors.email} hint="They get a link to choose a password, valid for 7 days." />
              <Field label="Customer name" name="customerName" id={`${prefix}-cname`} maxLength={100} required errors={errors.customerName} />
              <Field label="Company (optional)" name="company" id={`${prefix}-company`} maxLength={100} errors={errors.company} />
              <div className="space-y-1.5">
                <label htmlFor={`${prefix}-tier`} className="block text-sm font-medium">
                  Tier
                </label>
                <NativeSelect id={`${prefix}-tier`} name="tierId" defaultValue={tiers[0]?.id} aria-invalid={errors.tierId ? true : undefined} aria-describedby={`${prefix}-tier-error`} className="h-10">
                  {tiers.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                      {t.approval ? " (approval)" : ""}
                    </option>
                  ))}
                </NativeSelect>
                <FieldErrors id={`${prefix}-tier-error`} errors={errors.tierId} />
              </div>
            </div>
          )}
          <div aria-live="polite">{message ? <Alert tone="error">{message}</Alert> : null}</div>
          <DialogFooter>
            <Button type="submit" disabled={pending} aria-busy={pending}>
              {pending ? "Adopting…" : "Adopt key"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
