"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { parseSignInError, signInErrorMessage } from "@/lib/auth/sign-in-errors";

export function SignInForm({
  callbackUrl,
  oauthProviders,
  initialError,
}: {
  callbackUrl: string;
  oauthProviders: { id: string; name: string }[];
  initialError: string | null;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(initialError);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError("Enter your e-mail address and password.");
      return;
    }
    startTransition(async () => {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result || result.error) {
        // Throttled (429) and unavailable (503) answers name their reason; anything else is a plain mismatch.
        setError(signInErrorMessage(parseSignInError(result?.error)));
        return;
      }
      window.location.assign(callbackUrl); // a full load, so the header reflects the new session
    });
  }

  return (
    <div className="mt-6 space-y-6">
      {/* POST, so a submit before the JavaScript has loaded never puts the password in the URL (history, logs). */}
      <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
        <div aria-live="assertive">{error ? <Alert tone="error">{error}</Alert> : null}</div>
        <Field label="E-mail" name="email" type="email" autoComplete="email" required />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        <p className="-mt-2 text-right text-sm">
          <Link href="/forgot-password" className="text-primary underline">
            Forgot your password?
          </Link>
        </p>
        <Button type="submit" disabled={pending} aria-busy={pending} className="w-full">
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {oauthProviders.length > 0 ? (
        <div className="space-y-2 border-t border-border pt-4">
          {oauthProviders.map((p) => (
            <Button key={p.id} variant="secondary" className="w-full" onClick={() => void signIn(p.id, { callbackUrl })}>
              Continue with {p.name}
            </Button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
