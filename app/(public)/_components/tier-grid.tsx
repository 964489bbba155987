import Link from "next/link";
import { TierCard } from "@/components/tiers/tier-card";
import { buttonClass } from "@/components/ui/button";
import type { TierView } from "@/lib/tiers/queries";

/** The tiers on offer as cards, each with its way in: sign up on it, or ask for it once signed up. */
export function TierGrid({ tiers }: { tiers: TierView[] }) {
  if (tiers.length === 0) return <p className="text-muted-foreground">No tiers are configured yet.</p>;
  return (
    <div className="grid gap-6 md:grid-cols-3">
      {tiers.map((tier) => (
        <TierCard
          key={tier.id}
          tier={tier}
          footer={
            tier.visibility === "PUBLIC" ? (
              <Link href={`/sign-up?tier=${tier.slug}`} className={buttonClass("default", "w-full")}>
                Start with {tier.name}
              </Link>
            ) : (
              <p className="text-sm text-muted-foreground">Available on approval: sign up on any tier and request it from your dashboard.</p>
            )
          }
        />
      ))}
    </div>
  );
}
