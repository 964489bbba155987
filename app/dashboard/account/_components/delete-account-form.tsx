"use client";

import { signOut } from "next-auth/react";
import { deleteAccountAction } from "../actions";
import { FormMessage } from "./form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function DeleteAccountForm({ hasPassword }: { hasPassword: boolean }) {
  const { pending, feedback, done, onSubmit } = useActionForm(deleteAccountAction, async (data) => {
    // The account is closed already (the session no longer resolves); this clears the cookie and leaves.
    await signOut({ callbackUrl: data.completed ? "/?deleted=1" : "/?deleted=pending" });
  });
  const busy = pending || done !== null;

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-md space-y-4" aria-label="Delete account">
      {hasPassword ? (
        <Field label="Your password" name="password" type="password" autoComplete="current-password" required errors={feedback.fieldErrors.password} />
      ) : null}
      <Field
        label="Type DELETE to confirm"
        name="confirm"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        required
        errors={feedback.fieldErrors.confirm}
      />
      <FormMessage id="delete-message" feedback={feedback} success={done?.message ?? null} />
      <Button type="submit" variant="danger" disabled={busy} aria-busy={busy}>
        {pending ? "Deleting account…" : done ? "Signing out…" : "Delete my account"}
      </Button>
    </form>
  );
}
