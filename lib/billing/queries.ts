import "server-only";
import { db } from "@/lib/db";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { ok, type Result } from "@/lib/result";
import { tierPrice } from "@/lib/format/tier";

export interface TierRevenueRow {
  tierId: string;
  tierName: string;
  customers: number;
  activeKeys: number;
  monthlyPriceCents: number;
  /** The price as the pricing and tier pages show it ("From $499 / month — approval required"): one rule. */
  priceLabel: string;
  monthlyRevenueCents: number;
}

/**
 * Customers, keys and recurring revenue per tier (active customers only). Every tier counts its configured monthly
 * price, approval-only tiers included, and is labelled as the customer sees it (lib/format/tier.ts tierPrice).
 */
export async function tierRevenue(actor: Actor | null): Promise<Result<TierRevenueRow[]>> {
  const allowed = authorize(actor, "billing.read");
  if (!allowed.ok) return allowed;
  const [tiers, customers, keys] = await Promise.all([
    db.tier.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, name: true, monthlyPriceCents: true, visibility: true } }),
    db.customer.groupBy({ by: ["tierId"], where: { status: "ACTIVE" }, _count: { _all: true } }),
    db.apiKey.findMany({ where: { status: "ACTIVE", customer: { status: "ACTIVE" } }, select: { customer: { select: { tierId: true } } } }),
  ]);
  const keysByTier = new Map<string, number>();
  for (const k of keys) keysByTier.set(k.customer.tierId, (keysByTier.get(k.customer.tierId) ?? 0) + 1);
  return ok(
    tiers.map((t) => {
      const count = customers.find((c) => c.tierId === t.id)?._count._all ?? 0;
      return {
        tierId: t.id,
        tierName: t.name,
        customers: count,
        activeKeys: keysByTier.get(t.id) ?? 0,
        monthlyPriceCents: t.monthlyPriceCents,
        priceLabel: tierPrice(t).label,
        monthlyRevenueCents: count * t.monthlyPriceCents,
      };
    }),
  );
}
