import "server-only";
import { db } from "@/lib/db";

export interface TierView {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  rateLimit: number;
  burstLimit: number;
  quotaLimit: number | null;
  quotaPeriod: "DAY" | "WEEK" | "MONTH" | null;
  monthlyPriceCents: number;
  visibility: "PUBLIC" | "APPROVAL";
  maxKeys: number;
}

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

/** Every tier, cheapest first (public data: shown on the pricing page). */
export function listTiers(): Promise<TierView[]> {
  return db.tier.findMany({ select, orderBy: { sortOrder: "asc" } });
}

export function cheapestPublicTier(): Promise<TierView | null> {
  return db.tier.findFirst({ select, where: { visibility: "PUBLIC" }, orderBy: { sortOrder: "asc" } });
}
