import { RevenueTable } from "./_components/revenue-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { tierRevenue } from "@/lib/billing/queries";

export const metadata = { title: "Billing" };
export const dynamic = "force-dynamic";

export default async function BillingPage() {
  const actor = await requirePagePermission("billing.read", "/billing");
  const result = await tierRevenue(actor);
  if (!result.ok) throw new Error(result.error.message);
  return (
    <>
      <PageHeader title="Billing" description="Active customers and monthly recurring revenue by tier." />
      <RevenueTable
        rows={result.data.map((r) => ({
          tierId: r.tierId,
          tierName: r.tierName,
          monthlyPriceCents: r.monthlyPriceCents,
          priceLabel: r.priceLabel,
          customers: r.customers,
          activeKeys: r.activeKeys,
          monthlyRevenueCents: r.monthlyRevenueCents,
        }))}
      />
    </>
  );
}
