import Link from "next/link";
import { Suspense } from "react";
import { AccountDeletedBanner } from "./_components/account-deleted-banner";
import { buttonClass } from "@/components/ui/button";

export default function LandingPage() {
  return (
    <div className="py-10">
      <Suspense>
        <AccountDeletedBanner />
      </Suspense>
      <section className="max-w-3xl">
        <h1 className="text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">Your API, self-service.</h1>
        <p className="mt-4 text-lg text-slate-600">
          Sign up, pick the tier that fits your traffic, and get an API key that works in seconds. Watch your usage against
          your quota and rotate keys whenever you need to.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href="/sign-up" className={buttonClass("primary", "px-6 py-3 text-base")}>
            Get an API key
          </Link>
          <Link href="/pricing" className={buttonClass("secondary", "px-6 py-3 text-base")}>
            Compare tiers
          </Link>
        </div>
      </section>
      <section aria-label="Features" className="mt-16 grid gap-6 sm:grid-cols-3">
        {[
          ["Keys in seconds", "Create, reveal and copy keys tied to your tier's usage plan, with a ready-to-paste curl command."],
          ["Clear limits", "Every tier states its rate limit, burst and quota up front, enforced by AWS API Gateway."],
          ["Usage you can see", "Follow today's requests against your quota and know before you hit the limit."],
        ].map(([title, text]) => (
          <div key={title} className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="font-semibold">{title}</h2>
            <p className="mt-2 text-sm text-slate-600">{text}</p>
          </div>
        ))}
      </section>
    </div>
  );
}
