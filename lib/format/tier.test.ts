import { describe, expect, it } from "vitest";
import { formatPrice, formatQuota, formatThrottle, needsPriceAcknowledgement, priceChangeSentence, tierDescription, tierPrice } from "@/lib/format/tier";

describe("tier wording", () => {
  it("formats quotas, throttles and prices", () => {
    expect(formatQuota(1000, "DAY")).toBe("1,000 requests / day");
    expect(formatQuota(null, null)).toBe("Unlimited requests");
    expect(formatThrottle(100, 200)).toBe("100 req/s, bursts of 200");
    expect(formatPrice(0)).toBe("Free");
    expect(formatPrice(4900)).toBe("$49 / month");
    expect(formatPrice(4950)).toBe("$49.50 / month");
  });
});

describe("a tier's price, one rule everywhere", () => {
  it("shows public tiers' prices", () => {
    expect(tierPrice({ monthlyPriceCents: 0, visibility: "PUBLIC" })).toEqual({ amount: "Free", note: null, label: "Free" });
    expect(tierPrice({ monthlyPriceCents: 4900, visibility: "PUBLIC" }).label).toBe("$49 / month");
  });
  it("shows an approval-only tier's configured price as a starting price, never as a bare 'Contact us'", () => {
    expect(tierPrice({ monthlyPriceCents: 49900, visibility: "APPROVAL" })).toEqual({
      amount: "From $499 / month",
      note: "approval required",
      label: "From $499 / month — approval required",
    });
  });
  it("reads 'Contact us' only for an approval-only tier without a price", () => {
    expect(tierPrice({ monthlyPriceCents: 0, visibility: "APPROVAL" }).amount).toBe("Contact us");
  });
});

describe("price changes", () => {
  it("asks for an acknowledgement only when the new tier costs more", () => {
    expect(needsPriceAcknowledgement({ monthlyPriceCents: 0 }, { monthlyPriceCents: 4900 })).toBe(true);
    expect(needsPriceAcknowledgement({ monthlyPriceCents: 4900 }, { monthlyPriceCents: 0 })).toBe(false);
    expect(needsPriceAcknowledgement({ monthlyPriceCents: 4900 }, { monthlyPriceCents: 4900 })).toBe(false);
    expect(needsPriceAcknowledgement(null, { monthlyPriceCents: 1 })).toBe(true);
  });
  it("says the difference", () => {
    expect(priceChangeSentence({ monthlyPriceCents: 0 }, { monthlyPriceCents: 4900 })).toBe("from $0 to $49 / month, billed from today, prorated");
    expect(priceChangeSentence({ monthlyPriceCents: 4900 }, { monthlyPriceCents: 0 })).toBe("from $49 to $0 / month, from today, prorated");
    expect(priceChangeSentence({ monthlyPriceCents: 0 }, { monthlyPriceCents: 0 })).toBe("the price stays free");
  });
});

describe("tier descriptions", () => {
  it("drops AWS descriptions that only restate the tier and its quota", () => {
    expect(tierDescription("Basic", "Basic tier - 1000 requests/day")).toBeNull();
    expect(tierDescription("Premium", "Premium tier - 10000 requests/day")).toBeNull();
    expect(tierDescription("Enterprise", "Enterprise tier - Unlimited")).toBeNull();
    expect(tierDescription("Enterprise", "Enterprise tier - unlimited requests")).toBeNull();
    expect(tierDescription("Basic", null)).toBeNull();
  });
  it("keeps a description that says something, without the repeated tier name", () => {
    expect(tierDescription("Premium", "Premium tier - for production apps with steady traffic")).toBe("For production apps with steady traffic");
    expect(tierDescription("Startup", "Built for small teams")).toBe("Built for small teams");
  });
});
