import { describe, expect, it } from "vitest";
import { planToTier } from "@/lib/tiers/plan-to-tier";

const plan = {
  id: "abc123",
  name: "premium",
  description: "Premium tier - 10000 requests/day",
  rateLimit: 100,
  burstLimit: 200,
  quotaLimit: 10000,
  quotaPeriod: "DAY" as const,
  stages: [{ apiId: "api1", stage: "prod" }],
  tags: { "gatehouse:price-cents": "4900", "gatehouse:visibility": "public" },
};

describe("planToTier", () => {
  it("takes limits from the plan and price and visibility from its tags", () => {
    expect(planToTier(plan)).toEqual({
      slug: "premium",
      name: "Premium",
      description: "Premium tier - 10000 requests/day",
      usagePlanId: "abc123",
      rateLimit: 100,
      burstLimit: 200,
      quotaLimit: 10000,
      quotaPeriod: "DAY",
      monthlyPriceCents: 4900,
      overageCentsPer1k: null,
      visibility: "PUBLIC",
      maxKeys: 5,
    });
  });

  it("takes the overage price in cents per 1,000 requests from gatehouse:overage-cents-per-1k, only for a plan with a quota", () => {
    const tagged = { ...plan, tags: { ...plan.tags, "gatehouse:overage-cents-per-1k": "20" } };
    expect(planToTier(tagged).overageCentsPer1k).toBe(20);
    expect(planToTier({ ...tagged, quotaLimit: null, quotaPeriod: null }).overageCentsPer1k).toBeNull();
    expect(planToTier({ ...plan, tags: { ...plan.tags, "gatehouse:overage-cents-per-1k": "-1" } }).overageCentsPer1k).toBeNull();
    expect(planToTier({ ...plan, tags: { ...plan.tags, "gatehouse:overage-cents-per-1k": "abc" } }).overageCentsPer1k).toBeNull();
  });

  it("marks approval-only plans and ignores malformed tags", () => {
    const tier = planToTier({
      ...plan,
      name: "Enterprise Plus",
      quotaLimit: null,
      quotaPeriod: null,
      tags: { "gatehouse:visibility": "approval", "gatehouse:price-cents": "-5", "gatehouse:max-keys": "x" },
    });
    expect(tier.slug).toBe("enterprise-plus");
    expect(tier.visibility).toBe("APPROVAL");
    expect(tier.monthlyPriceCents).toBe(0);
    expect(tier.maxKeys).toBe(5);
    expect(tier.quotaLimit).toBeNull();
  });
  it("takes the customer-facing description from the gatehouse:tagline tag when there is one", () => {
    expect(planToTier({ ...plan, tags: { ...plan.tags, "gatehouse:tagline": "For production apps" } }).description).toBe("For production apps");
    expect(planToTier({ ...plan, tags: { ...plan.tags, "gatehouse:tagline": "  " } }).description).toBe("Premium tier - 10000 requests/day");
  });
});
