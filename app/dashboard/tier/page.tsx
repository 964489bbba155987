import { TierChooser } from "./_components/tier-chooser";
import { Alert } from "@/components/ui/alert";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { getOwnTierState } from "@/lib/tiers/own-tier";

export const metadata = { title: "Your tier" };
export const dynamic = "force-dynamic";

export default async function TierPage() {
  const actor = await requirePagePermission("tier.change", "/dashboard/tier");
  const state = await getOwnTierState(actor);
  if (!state.ok) throw new Error(state.error.message);
  const { tiers, currentTierId, pendingRequest, lastDecision, moving, liveKeys } = state.data;
  const current = tiers.find((t) => t.id === currentTierId);
  return (
    <>
      <PageHeader title="Your tier" description={current ? `You are on ${current.name}. Change it at any time; your keys move with you.` : undefined} />
      <RefreshWhile active={moving} />
      <div className="mb-6 space-y-3 empty:hidden">
        {moving ? <Alert tone="info">Your keys are moving to a new tier right now. This page updates when it is done.</Alert> : null}
        {lastDecision ? (
          <Alert tone={lastDecision.status === "APPROVED" ? "success" : "warning"} title={`Your request for ${lastDecision.toTier} was ${lastDecision.status === "APPROVED" ? "approved" : "declined"}.`}>
            {lastDecision.note ? <p>Note from the administrator: {lastDecision.note}</p> : null}
          </Alert>
        ) : null}
      </div>
      <TierChooser
        tiers={tiers}
        currentTierId={currentTierId}
        liveKeys={liveKeys}
        pendingRequest={pendingRequest ? { id: pendingRequest.id, toTier: pendingRequest.toTier, createdAt: pendingRequest.createdAt.toISOString() } : null}
      />
      <section aria-labelledby="what-happens" className="mt-8 rounded-lg border border-border bg-card p-5 text-sm text-card-foreground">
        <h2 id="what-happens" className="mb-2 text-base font-semibold">
          What happens when you change tier
        </h2>
        <ul className="list-disc space-y-1 pl-5">
          <li>Every key you have moves to the new tier&apos;s usage plan within seconds; the key values do not change.</li>
          <li>The new rate limit and burst apply to your next request.</li>
          <li>
            Quotas are counted per tier: requests already made in this period stay counted on your old tier, and the new tier&apos;s quota starts
            fresh from the moment of the change. It then resets on the new tier&apos;s schedule.
          </li>
          <li>During the move a request may briefly be refused with 403; retry it.</li>
          <li>A move to a dearer tier shows the price difference first and goes ahead only once you accept it; the new price is billed from the day of the move, prorated.</li>
          <li>Approval-only tiers are requested here and take effect when an administrator approves them.</li>
        </ul>
      </section>
    </>
  );
}
