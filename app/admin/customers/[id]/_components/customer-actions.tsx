"use client";

import { Ban, CirclePlay, Gauge, Layers, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { changeCustomerTierAction, deleteCustomerAction, extendQuotaAction, resumeCustomerAction, suspendCustomerAction } from "../../actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, FieldErrors } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import type { Result } from "@/lib/result";

type Outcome = { status: "done" | "queued"; message: string };
type Errors = Record<string, string[]>;

interface Props {
  customerId: string;
  name: string;
  status: string;
  tierId: string;
  tierName: string;
  hasQuota: boolean;
  quotaPeriod: string | null;
  liveKeys: number;
  tiers: { id: string; name: string; visibility: string }[];
}

/** Reports an admin action's result as a toast (the Toaster announces it) and refreshes the page's figures. */
function useReport() {
  const router = useRouter();
  return (result: Result<Outcome>): Errors | null => {
    if (result.ok) {
      if (result.data.status === "done") toast.success(result.data.message);
      else toast.info(result.data.message);
      router.refresh();
      return null;
    }
    if (!result.error.fieldErrors) toast.error(result.error.message);
    return result.error.fieldErrors ?? { _form: [result.error.message] };
  };
}

function SuspendOrResume({ customerId, name, status, liveKeys }: Pick<Props, "customerId" | "name" | "status" | "liveKeys">) {
  const report = useReport();
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  if (status === "SUSPENDED") {
    return (
      <ConfirmDialog
        trigger={
          <Button variant="outline">
            <CirclePlay aria-hidden="true" /> Resume
          </Button>
        }
        title={`Resume ${name}?`}
        description={`${name} can use the portal again, and the keys the suspension disabled are enabled again in AWS. Keys they had turned off themselves stay off.`}
        confirmLabel="Resume customer"
        pendingLabel="Resuming…"
        onConfirm={async () => report(await resumeCustomerAction(customerId)) === null}
      />
    );
  }
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline" onClick={() => setErrors({})}>
          <Ban aria-hidden="true" /> Suspend
        </Button>
      }
      title={`Suspend ${name}?`}
      description={`All ${liveKeys} active key${liveKeys === 1 ? "" : "s"} of ${name} will be disabled in AWS at once: their calls get 403 until you resume them. They cannot create or enable keys meanwhile.`}
      confirmLabel="Suspend customer"
      pendingLabel="Suspending…"
      destructive
      onConfirm={async () => {
        const failed = report(await suspendCustomerAction(customerId, { reason }));
        setErrors(failed ?? {});
        return failed === null;
      }}
    >
      <div className="space-y-1.5">
        <label htmlFor="suspend-reason" className="text-sm font-medium">
          Reason (optional, kept in the audit log)
        </label>
        <Textarea
          id="suspend-reason"
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby="suspend-reason-error"
        />
        <FieldErrors id="suspend-reason-error" errors={errors.reason} />
      </div>
    </ConfirmDialog>
  );
}

function ChangeTier({ customerId, name, tierId, tierName, tiers }: Pick<Props, "customerId" | "name" | "tierId" | "tierName" | "tiers">) {
  const report = useReport();
  const [target, setTarget] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [open, setOpen] = useState(false);
  const chosen = tiers.find((t) => t.id === target);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!target) {
      setErrors({ tierId: ["Choose a tier."] });
      return;
    }
    setErrors({});
    setOpen(true);
  }

  return (
    <form onSubmit={submit} className="space-y-2" noValidate aria-labelledby="change-tier-heading">
      <h3 id="change-tier-heading" className="text-sm font-semibold">
        Change tier
      </h3>
      <div className="flex flex-wrap gap-2">
        <div className="min-w-0 flex-1 basis-40">
          <label htmlFor="tierId" className="sr-only">
            New tier
          </label>
          <NativeSelect
            id="tierId"
            name="tierId"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            aria-invalid={errors.tierId ? true : undefined}
            aria-describedby="tierId-error"
          >
            <option value="">Choose a tier…</option>
            {tiers
              .filter((t) => t.id !== tierId)
              .map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                  {t.visibility === "APPROVAL" ? " (approval)" : ""}
                </option>
              ))}
          </NativeSelect>
        </div>
        <Button type="submit" variant="outline">
          <Layers aria-hidden="true" /> Move
        </Button>
      </div>
      <FieldErrors id="tierId-error" errors={errors.tierId} />
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Move ${name} to ${chosen?.name ?? "another tier"}?`}
        description={`Every key of ${name} moves from the ${tierName} usage plan to ${chosen?.name ?? "the new tier"}'s in AWS, with its limits from now on. This overrides the approval step.`}
        confirmLabel="Move customer"
        pendingLabel="Moving…"
        onConfirm={async () => {
          const failed = report(await changeCustomerTierAction(customerId, { tierId: target }));
          setErrors(failed ?? {});
          if (!failed) setTarget("");
          return true;
        }}
      />
    </form>
  );
}

function ExtendQuota({ customerId, hasQuota, quotaPeriod }: Pick<Props, "customerId" | "hasQuota" | "quotaPeriod">) {
  const report = useReport();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Errors>({});
  if (!hasQuota) return <p className="text-sm text-muted-foreground">This tier has no quota, so there is nothing to extend.</p>;
  const period = (quotaPeriod ?? "period").toLowerCase();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const failed = report(await extendQuotaAction(customerId, data));
      setErrors(failed ?? {});
      if (!failed) form.reset();
    });
  }

  return (
    <form onSubmit={submit} className="space-y-3" noValidate aria-labelledby="extend-heading">
      <h3 id="extend-heading" className="text-sm font-semibold">
        Temporary quota extension
      </h3>
      <Field
        label="Extra requests per key"
        name="extra"
        id="extra"
        type="number"
        inputMode="numeric"
        min={1}
        step={1}
        required
        errors={errors.extra}
        hint={`Added to each key's remaining quota for this ${period} only; it lapses when the quota resets.`}
      />
      <Field label="Reason (optional)" name="reason" id="extend-reason" maxLength={500} errors={errors.reason} />
      <FieldErrors id="extend-form-error" errors={errors._form} />
      <Button type="submit" variant="outline" disabled={pending} aria-busy={pending}>
        <Gauge aria-hidden="true" /> {pending ? "Extending…" : "Extend quota"}
      </Button>
    </form>
  );
}

function DeleteCustomer({ customerId, name, liveKeys }: Pick<Props, "customerId" | "name" | "liveKeys">) {
  const report = useReport();
  const router = useRouter();
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  return (
    <ConfirmDialog
      trigger={
        <Button variant="destructive" onClick={() => setErrors({})}>
          <Trash2 aria-hidden="true" /> Delete customer
        </Button>
      }
      title={`Delete ${name}?`}
      description={`This cannot be undone. ${name}'s ${liveKeys} live key${liveKeys === 1 ? " is" : "s are"} deleted in AWS, their users are signed out and their personal data is erased. The audit trail stays.`}
      confirmLabel="Delete customer"
      pendingLabel="Deleting…"
      destructive
      onConfirm={async () => {
        const result = await deleteCustomerAction(customerId, { confirm });
        const failed = report(result);
        setErrors(failed ?? {});
        if (!failed) router.push("/admin/customers");
        return failed === null;
      }}
    >
      <Field
        label={`Type ${name} to confirm`}
        name="confirm"
        id="delete-confirm"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        autoComplete="off"
        errors={errors.confirm}
      />
    </ConfirmDialog>
  );
}

/** The admin's actions on one customer; each result is a toast, field errors stay beside their field. */
export function CustomerActions(props: Props) {
  if (props.status === "DELETED") return <p className="text-sm text-muted-foreground">This customer was deleted; nothing more can be changed.</p>;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap gap-2">
        <SuspendOrResume {...props} />
        <DeleteCustomer {...props} />
      </div>
      <ChangeTier {...props} />
      <ExtendQuota {...props} />
    </div>
  );
}
