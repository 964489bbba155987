"use client";

import { useRouter } from "next/navigation";
import { updateProfileAction } from "../actions";
import { FormMessage } from "./form-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function ProfileForm({ name, company, email }: { name: string; company: string | null; email: string }) {
  const router = useRouter();
  const { pending, feedback, done, onSubmit } = useActionForm(updateProfileAction, () => router.refresh());

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Profile">
      <Field label="Your name" name="name" autoComplete="name" defaultValue={name} required errors={feedback.fieldErrors.name} />
      <Field label="Company (optional)" name="company" autoComplete="organization" defaultValue={company ?? ""} errors={feedback.fieldErrors.company} />
      <div className="space-y-1">
        <p className="text-sm font-medium text-foreground">E-mail</p>
        <p className="break-all text-sm text-muted-foreground" data-testid="account-email">
          {email}
        </p>
        <p className="text-xs text-muted-foreground">The address you sign in with. To change it, contact support.</p>
      </div>
      <FormMessage id="profile-message" feedback={feedback} success={done ? "Profile saved." : null} />
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : "Save profile"}
      </Button>
    </form>
  );
}
