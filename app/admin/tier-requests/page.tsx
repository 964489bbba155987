import { DecideForm } from "./_components/decide-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { listPendingTierRequests } from "@/lib/tiers/tier-requests";

export const metadata = { title: "Tier requests" };
export const dynamic = "force-dynamic";

export default async function TierRequestsPage() {
  const actor = await requirePagePermission("tier.request.list", "/admin/tier-requests");
  const result = await listPendingTierRequests(actor);
  if (!result.ok) throw new Error(result.error.message);
  const requests = result.data;
  return (
    <>
      <PageHeader title="Tier requests" description="Customers asking for an approval-only tier. Approving moves every key of the customer to that tier's usage plan." />
      {requests.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-600">No requests are waiting.</p>
      ) : (
        <ul className="space-y-4" aria-label="Waiting requests">
          {requests.map((r) => (
            <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-5" data-testid="tier-request">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-semibold">
                  {r.customerName}
                  {r.company ? <span className="font-normal text-slate-500"> · {r.company}</span> : null}
                </h2>
                <time className="text-sm text-slate-500" dateTime={r.createdAt.toISOString()}>
                  {r.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                </time>
              </div>
              <p className="mt-1 text-sm">
                {r.fromTier} → <strong>{r.toTier}</strong>
              </p>
              {r.message ? <blockquote className="mt-2 border-l-4 border-slate-200 pl-3 text-sm text-slate-700">{r.message}</blockquote> : null}
              <DecideForm requestId={r.id} customerName={r.customerName} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
