import { notFound } from "next/navigation";
import { endUserSessionsAction } from "../actions";
import { CustomerActions } from "./_components/customer-actions";
import { CustomerDetail } from "@/components/customers/customer-detail";
import { requirePagePermission } from "@/lib/auth/guards";
import { getAdminCustomer } from "@/lib/customers/admin-queries";
import { idSchema } from "@/lib/validation/id";

export const metadata = { title: "Customer" };
export const dynamic = "force-dynamic";

// Billing staff are sent to the read-only twin, /billing/customers/[id], by the admin layout; were this page rendered
// for them, `rights` (from the policy) would still give them nothing to change.
export default async function CustomerDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePagePermission("customer.read", `/admin/customers/${encodeURIComponent(id)}`);
  if (!idSchema.safeParse(id).success) notFound();
  const result = await getAdminCustomer(actor, id);
  if (!result.ok) {
    if (result.error.code === "not_found") notFound();
    throw new Error(result.error.message);
  }
  const c = result.data;
  const activeKeys = c.keys.filter((k) => k.status === "ACTIVE").length;
  return (
    <CustomerDetail
      c={c}
      basePath="/admin/customers"
      endSessions={c.rights.endSessions ? endUserSessionsAction : undefined}
      manage={
        c.rights.manage && c.tiers ? (
          <CustomerActions
            customerId={c.id}
            name={c.name}
            status={c.status}
            tierId={c.tier.id}
            tierName={c.tier.name}
            hasQuota={c.tier.quotaLimit !== null}
            quotaPeriod={c.tier.quotaPeriod}
            liveKeys={activeKeys}
            tiers={c.tiers}
          />
        ) : null
      }
    />
  );
}
