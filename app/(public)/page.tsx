import { ArrowRight, BookOpen, Gauge, KeyRound, LineChart, RefreshCw, ShieldCheck, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { Suspense } from "react";
import { AccountDeletedBanner } from "./_components/account-deleted-banner";
import { TierGrid } from "./_components/tier-grid";
import { buttonClass } from "@/components/ui/button";
import { branding } from "@/lib/branding";
import { listTiers } from "@/lib/tiers/queries";

export const dynamic = "force-dynamic";

const features: { title: string; text: string; Icon: LucideIcon }[] = [
  { title: "Keys in seconds", text: "Create a key tied to your tier's usage plan and copy a ready-to-paste curl command.", Icon: KeyRound },
  { title: "Clear limits", text: "Every tier states its rate limit, burst and quota up front, enforced by AWS API Gateway.", Icon: Gauge },
  { title: "Usage you can see", text: "Follow today's requests against your quota and know before you reach the limit.", Icon: LineChart },
  { title: "Rotation without downtime", text: "Rotate a key and keep the old one working for a grace period while you deploy the new one.", Icon: RefreshCw },
  { title: "Docs you can try", text: "Browse every operation and send real requests with your own key from the browser.", Icon: BookOpen },
  { title: "Safe by default", text: "Keys are shown only after you confirm it's you; every change is recorded in an audit trail.", Icon: ShieldCheck },
];

const steps = [
  { title: "Create an account", text: "Your name and e-mail address, or continue with your identity provider." },
  { title: "Pick a tier", text: "Start free and move up when your traffic grows; paid tiers show their price before you commit." },
  { title: "Create a key and call the API", text: "Send it in the x-api-key header. Usage shows up on your dashboard." },
];

export default async function LandingPage() {
  const [tiers, brand] = [await listTiers(), branding()];
  return (
    <div className="space-y-20 py-4 sm:py-8">
      <Suspense>
        <AccountDeletedBanner />
      </Suspense>

      <section aria-labelledby="hero-title" className="max-w-3xl">
        <p className="mb-3 inline-flex items-center gap-2 rounded-full border bg-card px-3 py-1 text-xs font-medium text-muted-foreground">
          <span className="size-1.5 rounded-full bg-success" aria-hidden="true" />
          {brand.name} developer portal
        </p>
        <h1 id="hero-title" className="text-4xl font-bold tracking-tight text-balance sm:text-5xl">
          Your API key, <span className="text-primary">in under a minute.</span>
        </h1>
        <p className="mt-4 max-w-2xl text-lg text-pretty text-muted-foreground">
          Sign up, pick the tier that fits your traffic, and get a key that works straight away. Watch your usage against your quota and rotate keys
          whenever you need to.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href="/sign-up" className={buttonClass("default", "h-11 px-6 text-base")}>
            Get an API key <ArrowRight aria-hidden="true" />
          </Link>
          <Link href="/pricing" className={buttonClass("outline", "h-11 px-6 text-base")}>
            Compare tiers
          </Link>
        </div>
      </section>

      <section aria-labelledby="features-title">
        <h2 id="features-title" className="text-2xl font-bold tracking-tight">
          What you get
        </h2>
        <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {features.map(({ title, text, Icon }) => (
            <li key={title} className="rounded-lg border bg-card p-5 text-card-foreground shadow-sm">
              <span className="inline-flex size-9 items-center justify-center rounded-md bg-info-muted text-primary">
                <Icon className="size-5" aria-hidden="true" />
              </span>
              <h3 className="mt-3 font-semibold">{title}</h3>
              <p className="mt-1 text-sm text-muted-foreground">{text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="steps-title">
        <h2 id="steps-title" className="text-2xl font-bold tracking-tight">
          Get a key in three steps
        </h2>
        <ol className="mt-6 grid gap-4 md:grid-cols-3">
          {steps.map((step, i) => (
            <li key={step.title} className="flex gap-4 rounded-lg border bg-card p-5 shadow-sm">
              <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-primary text-sm font-bold text-primary-foreground" aria-hidden="true">
                {i + 1}
              </span>
              <div>
                <h3 className="font-semibold">{step.title}</h3>
                <p className="mt-1 text-sm text-muted-foreground">{step.text}</p>
              </div>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="tiers-title">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <h2 id="tiers-title" className="text-2xl font-bold tracking-tight">
            Tiers
          </h2>
          <Link href="/pricing" className="inline-flex items-center gap-1 text-sm font-medium text-primary underline-offset-4 hover:underline">
            Pricing details <ArrowRight className="size-4" aria-hidden="true" />
          </Link>
        </div>
        <div className="mt-6">
          <TierGrid tiers={tiers} />
        </div>
      </section>

      <section aria-labelledby="docs-title" className="flex flex-col items-start gap-4 rounded-xl border bg-card p-6 shadow-sm sm:flex-row sm:items-center sm:justify-between sm:p-8">
        <div>
          <h2 id="docs-title" className="text-xl font-bold tracking-tight">
            Read the API docs
          </h2>
          <p className="mt-1 text-muted-foreground">Every operation, its parameters and responses, with a console to try them once you have a key.</p>
        </div>
        <Link href="/dashboard/docs" className={buttonClass("secondary", "h-10 shrink-0")}>
          <BookOpen aria-hidden="true" /> Open the docs
        </Link>
      </section>
    </div>
  );
}
