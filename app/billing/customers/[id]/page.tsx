import { notFound } from "next/navigation";
import { CustomerDetail } from "@/components/customers/customer-detail";
import { requirePagePermission } from "@/lib/auth/guards";
import { getAdminCustomer } from "@/lib/customers/admin-queries";
import { can } from "@/lib/policy/authorize";
import { idSchema } from "@/lib/validation/id";

export const metadata = { title: "Customer" };
export const dynamic = "force-dynamic";

// The admin console's customer detail, read-only: tier, status, keys (name, last four, state), this period's pooled
// quota and the links to the customer's period report and invoice. No control changes anything here, for anyone; an
// admin gets a link to the same customer in the admin console.
export default async function BillingCustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePagePermission("customer.read", `/billing/customers/${encodeURIComponent(id)}`);
  if (!idSchema.safeParse(id).success) notFound();
  const result = await getAdminCustomer(actor, id);
  if (!result.ok) {
    if (result.error.code === "not_found") notFound();
    throw new Error(result.error.message);
  }
  return <CustomerDetail c={result.data} basePath="/billing/customers" adminHref={can(actor, "admin.console") ? `/admin/customers/${result.data.id}` : undefined} />;
}
