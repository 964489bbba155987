"use client";

import Link from "next/link";
import { resetPasswordAction } from "../actions";
import { NewPasswordField } from "@/components/forms/new-password-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function ResetPasswordForm({ token }: { token: string }) {
  const { pending, feedback, done: result, onSubmit } = useActionForm(resetPasswordAction);
  const error = feedback.message ? feedback : null;
  const done = result?.message ?? null;

  if (done) {
    return (
      <div className="mt-6 space-y-4" aria-live="polite">
        <Alert tone="success" title="Password changed">
          {done}
        </Alert>
        <Link href="/sign-in" className={buttonClass("primary", "w-full")}>
          Sign in
        </Link>
      </div>
    );
  }

  const linkProblem = error?.fieldErrors.token?.[0];
  const fieldProblem = error && !linkProblem && Object.keys(error.fieldErrors).length > 0;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="mt-6 space-y-4" aria-describedby="reset-message">
      <input type="hidden" name="token" value={token} />
      <NewPasswordField label="New password" name="password" hint="At least 10 characters. Avoid common passwords and your e-mail or name; a few unrelated words work well." errors={error?.fieldErrors.password} />
      <Field label="Repeat the new password" name="confirmPassword" type="password" autoComplete="new-password" required errors={error?.fieldErrors.confirmPassword} />
      <div id="reset-message" aria-live="polite">
        {linkProblem ? (
          <Alert tone="error">
            {linkProblem}{" "}
            <Link href="/forgot-password" className="font-medium underline">
              Request a new link
            </Link>
          </Alert>
        ) : error && !fieldProblem ? (
          <Alert tone="error">{error.message}</Alert>
        ) : null}
      </div>
      <Button type="submit" disabled={pending} aria-busy={pending} className="w-full">
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
