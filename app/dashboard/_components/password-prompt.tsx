"use client";

import { useId, useState, useTransition, type FormEvent } from "react";
import { confirmPasswordAction } from "../actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/** Asks for the password again before a sensitive action, then calls onConfirmed. */
export function PasswordPrompt({ reason, onConfirmed, onCancel }: { reason: string; onConfirmed: () => void; onCancel: () => void }) {
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<string[] | undefined>();
  const fieldId = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await confirmPasswordAction(form);
      if (result.ok) onConfirmed();
      else setErrors(result.error.fieldErrors?.password ?? [result.error.message]);
    });
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="mt-3 space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4" aria-label="Confirm your password">
      <p className="text-sm text-amber-900">{reason}</p>
      <Field label="Password" name="password" id={`reauth-${fieldId}`} type="password" autoComplete="current-password" autoFocus errors={errors} />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Checking…" : "Confirm"}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
