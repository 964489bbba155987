"use client";

import { UserPlus } from "lucide-react";
import { toast } from "sonner";
import { inviteStaffAction } from "../actions";
import { Button } from "@/components/ui/button";
import { Field, FieldErrors } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/select";
import { useActionForm } from "@/components/forms/use-action-form";

/** Invites a new admin or billing user (a set-password link by e-mail), or promotes a user without a customer. */
export function InviteStaffForm() {
  const { pending, feedback, onSubmit } = useActionForm(inviteStaffAction, (data, form) => {
    toast.success(data.message);
    form.reset();
  });
  const errors = feedback.fieldErrors;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field label="E-mail" name="email" id="staff-email" type="email" autoComplete="off" required maxLength={254} errors={errors.email} />
      <Field label="Name" name="name" id="staff-name" required maxLength={100} errors={errors.name} />
      <div className="space-y-1.5">
        <label htmlFor="staff-role" className="block text-sm font-medium">
          Role
        </label>
        <NativeSelect id="staff-role" name="role" defaultValue="BILLING" aria-invalid={errors.role ? true : undefined} aria-describedby="staff-role-error">
          <option value="ADMIN">Admin: everything in the console</option>
          <option value="BILLING">Billing: the billing view only</option>
        </NativeSelect>
        <FieldErrors id="staff-role-error" errors={errors.role} />
      </div>
      {feedback.message && !Object.keys(errors).length ? (
        <p role="alert" className="text-sm text-destructive">
          {feedback.message}
        </p>
      ) : null}
      <p className="text-xs text-muted-foreground">
        A new address gets a link to choose a password (valid 72 hours). An existing user without a customer is promoted and keeps their password.
      </p>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        <UserPlus aria-hidden="true" /> {pending ? "Inviting…" : "Invite"}
      </Button>
    </form>
  );
}
