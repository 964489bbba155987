import type { ReactNode } from "react";
import { formatQuota, formatThrottle, tierDescription, tierPrice } from "@/lib/format/tier";
import { cn } from "@/lib/ui/cn";

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

/** A tier: its price (one rule: lib/format/tier.ts tierPrice), one clean description and its limits. */
export function TierCard({ tier, footer, current = false }: { tier: TierCardData; footer?: ReactNode; current?: boolean }) {
  const price = tierPrice(tier);
  const description = tierDescription(tier.name, tier.description);
  return (
    <article
      className={cn(
        "flex flex-col rounded-lg border bg-card p-6 text-card-foreground shadow-sm",
        current ? "border-primary ring-1 ring-primary" : "border-border",
      )}
      aria-labelledby={`tier-${tier.id}`}
      data-testid="tier-card"
    >
      <h2 id={`tier-${tier.id}`} className="text-xl font-semibold">
        {tier.name}
      </h2>
      <p className="mt-1 text-2xl font-bold text-primary" data-testid="tier-price">
        {price.amount}
      </p>
      {price.note ? <p className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{price.note}</p> : null}
      {description ? <p className="mt-2 text-sm text-muted-foreground">{description}</p> : null}
      <dl className="mt-4 space-y-2 text-sm">
        <div className="flex justify-between gap-2">
          <dt className="text-muted-foreground">Quota</dt>
          <dd className="text-right font-medium">{formatQuota(tier.quotaLimit, tier.quotaPeriod)}</dd>
        </div>
        <div className="flex justify-between gap-2">
          <dt className="text-muted-foreground">Rate limit</dt>
          <dd className="text-right font-medium">{formatThrottle(tier.rateLimit, tier.burstLimit)}</dd>
        </div>
        <div className="flex justify-between gap-2">
          <dt className="text-muted-foreground">API keys</dt>
          <dd className="text-right font-medium">up to {tier.maxKeys}</dd>
        </div>
      </dl>
      {footer ? <div className="mt-auto pt-6">{footer}</div> : null}
    </article>
  );
}
