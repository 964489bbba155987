"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { signUpAction } from "../actions";
import { NewPasswordField } from "@/components/forms/new-password-field";
import { useActionForm } from "@/components/forms/use-action-form";
import type { TierCardData } from "@/components/tiers/tier-card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, FieldErrors } from "@/components/ui/field";
import { parseSignInError, signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { formatQuota, formatThrottle, tierPrice } from "@/lib/format/tier";

const SIGN_UP_NOT_SIGNED_IN =
  "We could not sign you in with that password. If this address already had an account, we sent it an e-mail about this: sign in, or reset your password.";

type TierOption = Pick<TierCardData, "id" | "name" | "rateLimit" | "burstLimit" | "quotaLimit" | "quotaPeriod" | "monthlyPriceCents" | "visibility">;

export function SignUpForm({ tiers, defaultTierId }: { tiers: TierOption[]; defaultTierId: string }) {
  const [signInProblem, setSignInProblem] = useState<string | null>(null);
  // Submitting never resets the form, so every typed value stays if the server refuses it.
  const { pending, feedback, onSubmit } = useActionForm(signUpAction, async (data, element) => {
    const password = String(new FormData(element).get("password") ?? "");
    const signedIn = await signIn("credentials", { email: data.email, password, redirect: false });
    if (!signedIn || signedIn.error) {
      // The answer to sign-up is the same for a taken address (its owner gets an e-mail instead): only signing in
      // tells, and that is throttled like any sign-in.
      const reason = parseSignInError(signedIn?.error);
      setSignInProblem(reason.kind === "mismatch" ? SIGN_UP_NOT_SIGNED_IN : signInErrorMessage(reason));
      return;
    }
    // A full load on purpose: every server-rendered part (the header included) must see the new session.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/dashboard");
  });
  const fieldErrors = feedback.fieldErrors;
  const message = feedback.message ?? signInProblem;

  // POST, so a submit before the JavaScript has loaded never puts the password in the URL (history, logs).
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="mt-6 space-y-6" aria-describedby="sign-up-message">
      <div id="sign-up-message" aria-live="assertive">
        {message ? <Alert tone="error">{message}</Alert> : null}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Your name" name="name" autoComplete="name" required errors={fieldErrors.name} />
        <Field label="Company (optional)" name="company" autoComplete="organization" errors={fieldErrors.company} />
        <Field label="E-mail" name="email" type="email" autoComplete="email" required errors={fieldErrors.email} />
        <NewPasswordField label="Password" name="password" hint="At least 10 characters. Avoid common passwords and your e-mail or name; a few unrelated words work well." contextFields={["email", "name"]} errors={fieldErrors.password} />
      </div>
      <fieldset aria-describedby="tierId-error">
        <legend className="text-sm font-medium text-foreground">Tier</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-3">
          {tiers.map((tier) => {
            const disabled = tier.visibility !== "PUBLIC";
            return (
              <label
                key={tier.id}
                className={`flex cursor-pointer flex-col rounded-lg border p-4 text-sm has-[:checked]:border-primary has-[:checked]:ring-2 has-[:checked]:ring-primary ${disabled ? "cursor-not-allowed border-border bg-muted/60 opacity-70" : "border-input bg-card"}`}
              >
                <span className="flex items-center gap-2">
                  <input type="radio" name="tierId" value={tier.id} defaultChecked={tier.id === defaultTierId} disabled={disabled} />
                  <span className="font-semibold">{tier.name}</span>
                </span>
                <span className="mt-1 text-primary">{tierPrice(tier).amount}</span>
                {disabled ? <span className="text-muted-foreground">Approval required: request it from your dashboard after sign-up</span> : null}
                <span className="mt-1 text-muted-foreground">{formatQuota(tier.quotaLimit, tier.quotaPeriod)}</span>
                <span className="text-muted-foreground">{formatThrottle(tier.rateLimit, tier.burstLimit)}</span>
              </label>
            );
          })}
        </div>
        <FieldErrors id="tierId-error" errors={fieldErrors.tierId} />
      </fieldset>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
