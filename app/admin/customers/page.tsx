import { endUserSessionsAction } from "./actions";
import { CustomerList } from "@/components/customers/customer-list";
import { requirePagePermission } from "@/lib/auth/guards";
import { can } from "@/lib/policy/authorize";

export const metadata = { title: "Customers" };
export const dynamic = "force-dynamic";

// Billing staff (customer.list without admin.console) are sent to the read-only twin, /billing/customers, by the
// admin layout; were this page rendered for them, it would still offer them nothing to change.
export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("customer.list", "/admin/customers");
  return <CustomerList actor={actor} searchParams={await searchParams} basePath="/admin/customers" endSessions={can(actor, "user.end_sessions") ? endUserSessionsAction : undefined} />;
}
