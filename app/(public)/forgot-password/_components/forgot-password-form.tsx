"use client";

import { useState, useTransition, type FormEvent } from "react";
import { requestPasswordResetAction } from "../actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function ForgotPasswordForm() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<{ message: string; fieldErrors: Record<string, string[]> } | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault(); // keeps the typed address if the server refuses it
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      setError(null);
      setSent(null);
      const result = await requestPasswordResetAction(form);
      if (!result.ok) {
        setError({ message: result.error.message, fieldErrors: result.error.fieldErrors ?? {} });
        return;
      }
      setSent(result.data.message);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4" aria-describedby="forgot-message">
      <Field label="E-mail" name="email" type="email" autoComplete="email" required errors={error?.fieldErrors.email} />
      <div id="forgot-message" aria-live="polite">
        {error && !error.fieldErrors.email ? <Alert tone="error">{error.message}</Alert> : null}
        {sent ? <Alert tone="success" title="Check your e-mail">{sent}</Alert> : null}
      </div>
      <Button type="submit" disabled={pending} aria-busy={pending} className="w-full">
        {pending ? "Sending…" : sent ? "Send another link" : "Send reset link"}
      </Button>
    </form>
  );
}
