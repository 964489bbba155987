import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { tierRevenue } from "@/lib/billing/queries";

export const metadata = { title: "Billing" };
export const dynamic = "force-dynamic";

const money = (cents: number) => `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;

export default async function BillingPage() {
  const actor = await requirePagePermission("billing.read", "/billing");
  const result = await tierRevenue(actor);
  if (!result.ok) throw new Error(result.error.message);
  const rows = result.data;
  const total = rows.reduce((sum, r) => sum + r.monthlyRevenueCents, 0);
  return (
    <>
      <PageHeader title="Billing" description="Active customers and monthly recurring revenue by tier." />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">Revenue by tier</caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">Tier</th>
              <th scope="col" className="px-4 py-3 font-medium">Price</th>
              <th scope="col" className="px-4 py-3 text-right font-medium">Customers</th>
              <th scope="col" className="px-4 py-3 text-right font-medium">Active keys</th>
              <th scope="col" className="px-4 py-3 text-right font-medium">Monthly revenue</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.tierId}>
                <th scope="row" className="px-4 py-3 font-medium">{r.tierName}</th>
                <td className="px-4 py-3">{r.priceLabel}</td>
                <td className="px-4 py-3 text-right tabular-nums">{r.customers}</td>
                <td className="px-4 py-3 text-right tabular-nums">{r.activeKeys}</td>
                <td className="px-4 py-3 text-right tabular-nums">{money(r.monthlyRevenueCents)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="bg-slate-50 font-semibold">
            <tr>
              <th scope="row" className="px-4 py-3" colSpan={4}>Total</th>
              <td className="px-4 py-3 text-right tabular-nums">{money(total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
