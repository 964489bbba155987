import Link from "next/link";
import { TierCard } from "@/components/tiers/tier-card";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { listTiers } from "@/lib/tiers/queries";

export const metadata = { title: "Pricing" };
export const dynamic = "force-dynamic";

export default async function PricingPage() {
  const tiers = await listTiers();
  return (
    <>
      <PageHeader title="Pricing" description="Every tier is an API Gateway usage plan: the limits below are enforced at the gateway." />
      {tiers.length === 0 ? (
        <p className="text-slate-600">No tiers are configured yet.</p>
      ) : (
        <div className="grid gap-6 md:grid-cols-3">
          {tiers.map((tier) => (
            <TierCard
              key={tier.id}
              tier={tier}
              footer={
                tier.visibility === "PUBLIC" ? (
                  <Link href={`/sign-up?tier=${tier.slug}`} className={buttonClass("primary", "w-full")}>
                    Start with {tier.name}
                  </Link>
                ) : (
                  <p className="text-sm text-slate-600">Available on approval: sign up on any tier and request it from your dashboard.</p>
                )
              }
            />
          ))}
        </div>
      )}
    </>
  );
}
