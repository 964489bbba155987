import type { ReactNode } from "react";
import { formatPrice, formatQuota, formatThrottle } from "@/lib/format/tier";

export interface TierCardData {
  id: string;
  name: string;
  description: string | null;
  rateLimit: number;
  burstLimit: number;
  quotaLimit: number | null;
  quotaPeriod: string | null;
  monthlyPriceCents: number;
  visibility: "PUBLIC" | "APPROVAL";
  maxKeys: number;
}

export function TierCard({ tier, footer }: { tier: TierCardData; footer?: ReactNode }) {
  return (
    <article className="flex flex-col rounded-lg border border-slate-200 bg-white p-6 shadow-sm" aria-labelledby={`tier-${tier.id}`}>
      <h3 id={`tier-${tier.id}`} className="text-xl font-semibold">
        {tier.name}
      </h3>
      <p className="mt-1 text-2xl font-bold text-brand-700">{tier.visibility === "APPROVAL" ? "Contact us" : formatPrice(tier.monthlyPriceCents)}</p>
      {tier.description ? <p className="mt-2 text-sm text-slate-600">{tier.description}</p> : null}
      <dl className="mt-4 space-y-2 text-sm">
        <div className="flex justify-between gap-2">
          <dt className="text-slate-500">Quota</dt>
          <dd className="font-medium">{formatQuota(tier.quotaLimit, tier.quotaPeriod)}</dd>
        </div>
        <div className="flex justify-between gap-2">
          <dt className="text-slate-500">Rate limit</dt>
          <dd className="font-medium">{formatThrottle(tier.rateLimit, tier.burstLimit)}</dd>
        </div>
        <div className="flex justify-between gap-2">
          <dt className="text-slate-500">API keys</dt>
          <dd className="font-medium">up to {tier.maxKeys}</dd>
        </div>
      </dl>
      {footer ? <div className="mt-6">{footer}</div> : null}
    </article>
  );
}
