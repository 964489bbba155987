import { RequestList } from "./_components/request-list";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { listPendingTierRequests } from "@/lib/tiers/tier-requests";

export const metadata = { title: "Tier requests" };
export const dynamic = "force-dynamic";

export default async function TierRequestsPage() {
  const actor = await requirePagePermission("tier.request.list", "/admin/tier-requests");
  const result = await listPendingTierRequests(actor);
  if (!result.ok) throw new Error(result.error.message);
  return (
    <>
      <PageHeader title="Tier requests" description="Customers asking for an approval-only tier. Approving moves every key of the customer to that tier's usage plan." />
      <RequestList requests={result.data.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))} />
    </>
  );
}
