import type { UsagePlanSummary } from "@/lib/aws/api-gateway";

// How a usage plan maps to a tier. The numbers come from the plan; the portal's own settings come from the plan's
// tags (so they travel with the plan): gatehouse:price-cents, gatehouse:visibility (public|approval),
// gatehouse:max-keys, gatehouse:display-name, gatehouse:tagline (the tier's one-line description for customers, in
// place of the plan's own description, which often only restates the quota), gatehouse:overage-cents-per-1k (the
// price in whole cents per 1,000 requests over the quota, for the billing report; absent, or a plan without a quota:
// no overage charge).
export interface TierFields {
  slug: string;
  name: string;
  description: string | null;
  usagePlanId: string;
  rateLimit: number;
  burstLimit: number;
  quotaLimit: number | null;
  quotaPeriod: "DAY" | "WEEK" | "MONTH" | null;
  monthlyPriceCents: number;
  overageCentsPer1k: number | null;
  visibility: "PUBLIC" | "APPROVAL";
  maxKeys: number;
}

const DEFAULT_MAX_KEYS = 5;
/** The usage-plan tag with the overage price: whole cents per 1,000 requests over the quota ("50" = $0.50). */
export const OVERAGE_TAG = "gatehouse:overage-cents-per-1k";

export function planToTier(plan: UsagePlanSummary): TierFields {
  const tags = plan.tags;
  const price = Number.parseInt(tags["gatehouse:price-cents"] ?? "", 10);
  const overage = Number.parseInt(tags[OVERAGE_TAG] ?? "", 10);
  const maxKeys = Number.parseInt(tags["gatehouse:max-keys"] ?? "", 10);
  const slug = plan.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || plan.id;
  return {
    slug,
    name: tags["gatehouse:display-name"] ?? capitalise(plan.name),
    description: tags["gatehouse:tagline"]?.trim() || plan.description,
    usagePlanId: plan.id,
    rateLimit: plan.rateLimit ?? 0,
    burstLimit: plan.burstLimit ?? 0,
    quotaLimit: plan.quotaLimit,
    quotaPeriod: plan.quotaPeriod,
    monthlyPriceCents: Number.isFinite(price) && price >= 0 ? price : 0,
    overageCentsPer1k: plan.quotaLimit !== null && Number.isFinite(overage) && overage >= 0 ? overage : null,
    visibility: tags["gatehouse:visibility"] === "approval" ? "APPROVAL" : "PUBLIC",
    maxKeys: Number.isFinite(maxKeys) && maxKeys > 0 ? maxKeys : DEFAULT_MAX_KEYS,
  };
}

function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
