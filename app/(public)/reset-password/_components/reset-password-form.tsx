"use client";

import Link from "next/link";
import { useState, useTransition, type FormEvent } from "react";
import { resetPasswordAction } from "../actions";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function ResetPasswordForm({ token }: { token: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<{ message: string; fieldErrors: Record<string, string[]> } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault(); // keeps what was typed if the server refuses it
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      setError(null);
      const result = await resetPasswordAction(form);
      if (!result.ok) {
        setError({ message: result.error.message, fieldErrors: result.error.fieldErrors ?? {} });
        return;
      }
      setDone(result.data.message);
    });
  }

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
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4" aria-describedby="reset-message">
      <input type="hidden" name="token" value={token} />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters."
        errors={error?.fieldErrors.password}
      />
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
