import { describe, expect, it } from "vitest";
import { bootstrapSchema, nextSlot, SEED_PLANS, tagsFor, tierChange, tierFormSchema, type TierSettings } from "@/lib/tiers/admin-plan";
import { planToTier } from "@/lib/tiers/plan-to-tier";

const basic: TierSettings = SEED_PLANS[0]!.settings;

describe("the seed's plans", () => {
  it("carry the article's numbers and read back as the same tiers", () => {
    expect(SEED_PLANS.map((p) => [p.planName, p.settings.rateLimit, p.settings.burstLimit, p.settings.quotaLimit, p.settings.quotaPeriod])).toEqual([
      ["basic", 10, 20, 1000, "DAY"],
      ["premium", 100, 200, 10000, "DAY"],
      ["enterprise", 1000, 2000, null, null],
    ]);
    for (const seed of SEED_PLANS) {
      const tier = planToTier({
        id: "p1",
        name: seed.planName,
        description: seed.description,
        rateLimit: seed.settings.rateLimit,
        burstLimit: seed.settings.burstLimit,
        quotaLimit: seed.settings.quotaLimit,
        quotaPeriod: seed.settings.quotaPeriod,
        stages: [],
        tags: tagsFor(seed.settings),
      });
      expect([tier.name, tier.monthlyPriceCents, tier.visibility, tier.maxKeys]).toEqual([seed.settings.name, seed.settings.monthlyPriceCents, seed.settings.visibility, seed.settings.maxKeys]);
    }
  });
});

describe("a tier change", () => {
  it("puts price, visibility and key limit in tags, and limits in one UpdateUsagePlan", () => {
    expect(tierChange(basic, { ...basic, monthlyPriceCents: 900 })).toEqual({
      tags: { set: tagsFor({ ...basic, monthlyPriceCents: 900 }), remove: [] },
      patch: [],
      fields: ["monthlyPriceCents"],
    });
    expect(tierChange(basic, { ...basic, rateLimit: 12.5, burstLimit: 30, quotaLimit: 2000, quotaPeriod: "MONTH" }).patch).toEqual([
      { op: "replace", path: "/throttle/rateLimit", value: "12.5" },
      { op: "replace", path: "/throttle/burstLimit", value: "30" },
      { op: "replace", path: "/quota/period", value: "MONTH" },
      { op: "replace", path: "/quota/limit", value: "2000" },
    ]);
    expect(tierChange(basic, { ...basic, quotaLimit: null, quotaPeriod: null }).patch).toEqual([{ op: "remove", path: "/quota" }]);
    expect(tierChange(basic, { ...basic }).fields).toEqual([]);
  });

  it("removes the tagline tag when the tagline is cleared", () => {
    const change = tierChange({ ...basic, tagline: "For hobbyists" }, basic);
    expect(change.tags.remove).toEqual(["gatehouse:tagline"]);
    expect(change.tags.set["gatehouse:tagline"]).toBeUndefined();
  });
});

describe("the tier form", () => {
  const valid = { name: "Startup", tagline: "", rateLimit: "25", burstLimit: "50", quotaLimit: "5000", quotaPeriod: "WEEK", price: "$19.90", visibility: "PUBLIC", maxKeys: "5" };
  it("turns form strings into settings", () => {
    expect(tierFormSchema.parse(valid)).toEqual({ name: "Startup", tagline: null, rateLimit: 25, burstLimit: 50, quotaLimit: 5000, quotaPeriod: "WEEK", monthlyPriceCents: 1990, visibility: "PUBLIC", maxKeys: 5 });
    expect(tierFormSchema.parse({ ...valid, quotaLimit: "", quotaPeriod: "WEEK" })).toMatchObject({ quotaLimit: null, quotaPeriod: null });
  });
  it.each([
    ["rateLimit", "-1", /between 0/],
    ["rateLimit", "lots", /as a number/],
    ["burstLimit", "2.5", /whole number/],
    ["quotaLimit", "0", /at least 1/],
    ["price", "1.999", /in dollars/],
    ["maxKeys", "101", /between 1 and 100/],
    ["name", "<b>", /< and >/],
    ["visibility", "hidden", /public or approval/],
  ])("refuses %s = %s with a message for that field", (field, value, message) => {
    const result = tierFormSchema.safeParse({ ...valid, [field]: value });
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path[0] === field || (field === "price" && i.path[0] === "price"));
    expect(issue?.message).toMatch(message);
  });
  it("parses the bootstrap stage choice", () => {
    expect(bootstrapSchema.parse({ apiStage: "abc123:prod" })).toEqual({ apiId: "abc123", stage: "prod" });
    expect(bootstrapSchema.safeParse({ apiStage: "abc:" }).success).toBe(false);
    expect(bootstrapSchema.safeParse({ apiStage: "a b:prod" }).success).toBe(false);
  });
});

describe("UpdateUsagePlan slots", () => {
  it("are 21 s apart, never in the past", () => {
    const now = new Date("2026-12-03T12:00:00Z");
    expect(nextSlot(now, null)).toEqual(now);
    expect(nextSlot(now, new Date("2026-12-03T11:59:50Z")).toISOString()).toBe("2026-12-03T12:00:11.000Z");
    expect(nextSlot(now, new Date("2026-12-03T11:00:00Z"))).toEqual(now);
    expect(nextSlot(now, new Date("2026-12-03T12:00:30Z")).toISOString()).toBe("2026-12-03T12:00:51.000Z");
  });
});
