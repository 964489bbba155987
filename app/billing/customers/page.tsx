import { CustomerList } from "@/components/customers/customer-list";
import { requirePagePermission } from "@/lib/auth/guards";

export const metadata = { title: "Customers" };
export const dynamic = "force-dynamic";

// The admin console's customer list, read-only (billing staff may list customers and nothing more), with each
// customer's pooled usage of the quota period. Changes to customers happen in the admin console only.
export default async function BillingCustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("customer.list", "/billing/customers");
  return <CustomerList actor={actor} searchParams={await searchParams} basePath="/billing/customers" showUsage />;
}
