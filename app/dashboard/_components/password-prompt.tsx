"use client";

import { signIn } from "next-auth/react";
import { useId, useState, useTransition, type FormEvent } from "react";
import { confirmPasswordAction } from "../actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ReauthMethod } from "@/lib/auth/reauth-method";

/**
 * Asks for the password again before a sensitive action, then calls onConfirmed. A user without a password signs in
 * again through their provider instead (asked to log in afresh); they come back to this page, signed in just now.
 */
export function PasswordPrompt({ method, reason, onConfirmed, onCancel }: { method: ReauthMethod; reason: string; onConfirmed: () => void; onCancel: () => void }) {
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

  if (method.kind === "provider") {
    return (
      <div role="group" aria-label="Sign in again" className="mt-3 space-y-3 rounded-md border border-warning/60 bg-warning-muted p-4">
        <p className="text-sm text-foreground">
          {method.providers.length > 0
            ? "For your security, sign in again with your provider to continue: your sign-in is not recent. You will come back to this page."
            : "For your security, this needs a recent sign-in, and your account has no password and no sign-in provider that is enabled here. Sign out and use “Forgot your password?” on the sign-in page to set a password."}
        </p>
        <div className="flex flex-wrap gap-2">
          {method.providers.map((p) => (
            <Button key={p.id} type="button" onClick={() => void signIn(p.id, { callbackUrl: window.location.pathname }, { prompt: "login" })}>
              Sign in again with {p.name}
            </Button>
          ))}
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="mt-3 space-y-3 rounded-md border border-warning/60 bg-warning-muted p-4" aria-label="Confirm your password">
      <p className="text-sm text-foreground">{reason}</p>
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
