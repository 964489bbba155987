import Link from "next/link";
import { redirect } from "next/navigation";
import { SignUpForm } from "./_components/sign-up-form";
import { ProviderButtons } from "@/components/auth/provider-buttons";
import { oidcProviders } from "@/lib/auth/oidc-providers";
import { getActor } from "@/lib/auth/session";
import { listTiers } from "@/lib/tiers/queries";

export const metadata = { title: "Sign up" };
export const dynamic = "force-dynamic";

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ tier?: string }> }) {
  if (await getActor()) redirect("/home");
  const [{ tier }, tiers] = await Promise.all([searchParams, listTiers()]);
  const publicTiers = tiers.filter((t) => t.visibility === "PUBLIC");
  const chosen = publicTiers.find((t) => t.slug === tier)?.id ?? publicTiers[0]?.id ?? "";
  return (
    <div className="mx-auto max-w-2xl rounded-xl border bg-card p-6 text-card-foreground shadow-sm sm:mt-4 sm:p-8">
      <h1 className="text-2xl font-bold tracking-tight">Create your account</h1>
      <p className="mt-1 text-muted-foreground">
        Already have one?{" "}
        <Link href="/sign-in" className="text-primary underline">
          Sign in
        </Link>
        .
      </p>
      <SignUpForm tiers={tiers} defaultTierId={chosen} />
      {/* A first sign-in through a provider creates a customer on the entry tier, with its first key. */}
      <div className="mt-6">
        <ProviderButtons providers={oidcProviders()} callbackUrl="/dashboard" />
      </div>
    </div>
  );
}
