"use client";

import { changePasswordAction } from "../actions";
import { FormMessage } from "./form-message";
import { NewPasswordField } from "@/components/forms/new-password-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function ChangePasswordForm() {
  // On success the fields are cleared: nobody should find a password sitting in a form.
  const { pending, feedback, done, onSubmit } = useActionForm(changePasswordAction, (_data, form) => form.reset());

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Change password">
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={feedback.fieldErrors.currentPassword}
      />
      <NewPasswordField
        label="New password"
        name="newPassword"
        hint="At least 10 characters, different from the current one. Avoid common passwords and your e-mail or name."
        errors={feedback.fieldErrors.newPassword}
      />
      <Field
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={feedback.fieldErrors.confirmPassword}
      />
      <FormMessage id="password-message" feedback={feedback} success={done?.message ?? null} />
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Changing password…" : "Change password"}
      </Button>
    </form>
  );
}
