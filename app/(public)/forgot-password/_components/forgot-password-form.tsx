"use client";

import { requestPasswordResetAction } from "../actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function ForgotPasswordForm() {
  const { pending, feedback, done: result, onSubmit } = useActionForm(requestPasswordResetAction);
  const error = feedback.message ? feedback : null;
  const sent = result?.message ?? null;

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="mt-6 space-y-4" aria-describedby="forgot-message">
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
