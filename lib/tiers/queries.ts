import "server-only";
import { db } from "@/lib/db";
import type { TierFields } from "@/lib/tiers/plan-to-tier";

/** A tier as pages show it: the synced fields, without the usage plan id. */
export type TierView = Omit<TierFields, "usagePlanId" | "overageCentsPer1k"> & { id: string };

const select = {
  id: true,
  slug: true,
  name: true,
  description: true,
  rateLimit: true,
  burstLimit: true,
  quotaLimit: true,
  quotaPeriod: true,
  monthlyPriceCents: true,
  visibility: true,
  maxKeys: true,
} as const;

/** Every tier on offer (its usage plan exists in AWS), cheapest first: public data, shown on the pricing page. */
export function listTiers(): Promise<TierView[]> {
  return db.tier.findMany({ select, where: { available: true }, orderBy: { sortOrder: "asc" } });
}

/** The tiers on offer plus the given one (a customer's current tier stays visible to them even if retired). */
export function listTiersIncluding(tierId: string): Promise<TierView[]> {
  return db.tier.findMany({ select, where: { OR: [{ available: true }, { id: tierId }] }, orderBy: { sortOrder: "asc" } });
}

export function cheapestPublicTier(): Promise<TierView | null> {
  return db.tier.findFirst({ select, where: { visibility: "PUBLIC", available: true }, orderBy: { sortOrder: "asc" } });
}
