import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "./_components/sign-in-form";
import { getActor } from "@/lib/auth/session";
import { oidcErrorMessage } from "@/lib/auth/oidc-sign-in";
import { portalUrl } from "@/lib/account/reset-mail";
import { authOptions } from "@/lib/auth/options";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  if (await getActor()) redirect("/home");
  const { callbackUrl, error } = await searchParams;
  // Only same-site paths are followed after sign-in.
  const next = safeRedirectPath(callbackUrl, portalUrl());
  const oauth = authOptions()
    .providers.filter((p) => p.id !== "credentials")
    .map((p) => ({ id: p.id, name: p.name }));
  return (
    <div className="mx-auto max-w-md rounded-xl border bg-card p-6 text-card-foreground shadow-sm sm:mt-4 sm:p-8">
      <h1 className="text-2xl font-bold tracking-tight">Sign in</h1>
      <p className="mt-1 text-muted-foreground">
        New here?{" "}
        <Link href="/sign-up" className="text-primary underline">
          Create an account
        </Link>
        .
      </p>
      <SignInForm callbackUrl={next} oauthProviders={oauth} initialError={error ? oidcErrorMessage(error) : null} />
    </div>
  );
}
