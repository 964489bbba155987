"use client";

import { Archive } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { retireTierAction } from "../actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FieldErrors } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/select";

/** Retire a tier: choose where its customers go; the confirmation names the tier, the stage and how many move. */
export function RetireDialog({
  tier,
  customers,
  others,
  stage,
}: {
  tier: { id: string; name: string };
  customers: number;
  others: { id: string; name: string }[];
  stage: string;
}) {
  const router = useRouter();
  const [toTierId, setToTierId] = useState(others[0]?.id ?? "");
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const selectId = `retire-${tier.id}-to`;
  const target = others.find((o) => o.id === toTierId)?.name ?? "the chosen tier";

  async function retire() {
    const result = await retireTierAction(tier.id, { toTierId });
    if (!result.ok) {
      setError({ message: result.error.message, field: result.error.fieldErrors?.toTierId?.[0] });
      return false;
    }
    toast.success(result.data.notice);
    router.refresh();
  }

  return (
    <ConfirmDialog
      trigger={
        <Button type="button" variant="outline" size="sm" onClick={() => setError(null)} aria-label={`Retire ${tier.name}`}>
          <Archive aria-hidden="true" /> Retire
        </Button>
      }
      title={`Retire the ${tier.name} tier?`}
      description={`${tier.name} stops being offered on ${stage} at once. ${customers === 0 ? "Nobody is on it." : `Its ${customers} customer${customers === 1 ? "" : "s"} and their keys move to ${target}, one by one; their keys keep working throughout.`} The usage plan stays in AWS, tagged retired.`}
      confirmLabel="Retire tier"
      pendingLabel="Retiring…"
      destructive
      onConfirm={retire}
    >
      <div className="space-y-1.5">
        <label htmlFor={selectId} className="block text-sm font-medium">
          Move its customers to
        </label>
        <NativeSelect id={selectId} value={toTierId} onChange={(e) => setToTierId(e.target.value)} className="h-10" aria-describedby={`${selectId}-error`} aria-invalid={error?.field ? true : undefined}>
          {others.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </NativeSelect>
        <FieldErrors id={`${selectId}-error`} errors={error?.field ? [error.field] : undefined} />
      </div>
      <div aria-live="polite">{error && !error.field ? <Alert tone="error">{error.message}</Alert> : null}</div>
    </ConfirmDialog>
  );
}
