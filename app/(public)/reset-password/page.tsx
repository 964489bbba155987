import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "./_components/reset-password-form";
import { Alert } from "@/components/ui/alert";
import { isResetTokenUsable } from "@/lib/account/password-reset";
import { INVALID_RESET_LINK } from "@/lib/account/password.schema";

// The token is in this page's URL: never send it onwards in a Referer header.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  const usable = value !== "" && (await isResetTokenUsable(value));
  return (
    <div className="mx-auto max-w-md rounded-xl border bg-card p-6 text-card-foreground shadow-sm sm:mt-4 sm:p-8">
      <h1 className="text-2xl font-bold tracking-tight">Choose a new password</h1>
      {usable ? (
        <>
          <p className="mt-1 text-muted-foreground">Pick a password you do not use anywhere else. This link works once.</p>
          <ResetPasswordForm token={value} />
        </>
      ) : (
        <div className="mt-6 space-y-4">
          <Alert tone="error">{INVALID_RESET_LINK}</Alert>
          <Link href="/forgot-password" className="inline-block text-primary underline">
            Request a new link
          </Link>
        </div>
      )}
    </div>
  );
}
