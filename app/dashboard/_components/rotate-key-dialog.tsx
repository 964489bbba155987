"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type MouseEvent } from "react";
import { rotateKeyAction } from "../actions";
import { InlineMessage } from "./inline-message";
import { useKeyList } from "./key-list-state";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import type { RotationGrace } from "@/lib/keys/key-actions.schema";

const graceOptions: { value: RotationGrace; label: string; outcome: string }[] = [
  { value: "1h", label: "Keep the old key working for 1 hour", outcome: "The old key keeps working for 1 hour, then it is disabled automatically." },
  { value: "24h", label: "Keep the old key working for 24 hours", outcome: "The old key keeps working for 24 hours, then it is disabled automatically." },
  { value: "7d", label: "Keep the old key working for 7 days", outcome: "The old key keeps working for 7 days, then it is disabled automatically." },
  { value: "now", label: "Disable the old key now", outcome: "The old key stops working now: every request still using it gets 403." },
];

/**
 * Rotating a key: a new key in the same tier, and the old one disabled now or after a grace period. The dialog names
 * the key and what will happen to the old one; disabling it at once is confirmed with a destructive button. The new
 * key's value is then shown under the new key's row (which the old key is nested under).
 */
export function RotateKeyDialog({
  keyId,
  name,
  lastFour,
  open,
  onOpenChange,
  onCloseAutoFocus,
}: {
  keyId: string;
  name: string;
  lastFour: string | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus?: (event: Event) => void;
}) {
  const router = useRouter();
  const { showFresh, announce } = useKeyList();
  const [grace, setGrace] = useState<RotationGrace>("24h");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const chosen = graceOptions.find((o) => o.value === grace) ?? graceOptions[1];
  const immediate = grace === "now";

  function rotate(event: MouseEvent<HTMLButtonElement>) {
    event.preventDefault(); // stay open while it runs
    startTransition(async () => {
      setError(null);
      const result = await rotateKeyAction(keyId, { grace });
      if (!result.ok) {
        setError(result.error.fieldErrors?.grace?.[0] ?? result.error.message);
        return;
      }
      showFresh(result.data.newKeyId, { name, value: result.data.value, notice: result.data.notice });
      onOpenChange(false);
      announce(null);
      router.refresh();
    });
  }

  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setError(null);
        onOpenChange(next);
      }}
    >
      <AlertDialogContent onCloseAutoFocus={onCloseAutoFocus}>
        <AlertDialogHeader>
          <AlertDialogTitle>Rotate “{name}”?</AlertDialogTitle>
          <AlertDialogDescription>
            A new key is created in the same tier; you switch your clients over to it. {chosen?.outcome}
            {lastFour ? <span className="sr-only"> The old key ends in {lastFour}.</span> : null}
          </AlertDialogDescription>
        </AlertDialogHeader>
        <fieldset className="space-y-2">
          <legend className="mb-1 text-sm font-medium">What happens to the old key{lastFour ? <span className="font-mono"> ••••{lastFour}</span> : null}?</legend>
          {graceOptions.map((o) => (
            <label key={o.value} className="flex items-center gap-2 text-sm">
              <input type="radio" name="grace" value={o.value} checked={grace === o.value} onChange={() => setGrace(o.value)} className="size-4 accent-primary" />
              {o.label}
            </label>
          ))}
        </fieldset>
        {error ? <InlineMessage tone="error">{error}</InlineMessage> : null}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
          <AlertDialogAction variant={immediate ? "destructive" : "default"} onClick={rotate} disabled={pending} aria-busy={pending}>
            {pending ? "Rotating…" : immediate ? "Rotate and disable the old key" : "Rotate key"}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
