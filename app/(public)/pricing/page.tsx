import { TierGrid } from "../_components/tier-grid";
import { PageHeader } from "@/components/ui/page-header";
import { listTiers } from "@/lib/tiers/queries";

export const metadata = { title: "Pricing" };
export const dynamic = "force-dynamic";

export default async function PricingPage() {
  const tiers = await listTiers();
  return (
    <>
      <PageHeader title="Pricing" description="Every tier is an API Gateway usage plan: the limits below are enforced at the gateway." />
      <h2 className="sr-only">Tiers</h2>
      <TierGrid tiers={tiers} />
    </>
  );
}
