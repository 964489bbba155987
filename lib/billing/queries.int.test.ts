import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { tierRevenue } from "@/lib/billing/queries";
import { ensureTiers, newCustomer, newStaff } from "@/test/fixtures";

describe("tier revenue", () => {
  it("counts an approval-only tier at its configured price and labels it as the pricing page shows it", async () => {
    const enterpriseTier = (await ensureTiers()).find((t) => t.slug === "enterprise");
    const customer = await newCustomer("basic");
    await db.customer.update({ where: { id: customer.customerId }, data: { tierId: enterpriseTier?.id ?? "" } });
    const result = await tierRevenue(await newStaff("BILLING"));
    if (!result.ok) throw new Error(result.error.message);
    const enterprise = result.data.find((r) => r.tierName === "Enterprise");
    expect(enterprise).toMatchObject({ monthlyPriceCents: 49900, priceLabel: "From $499 / month — approval required" });
    expect(enterprise?.monthlyRevenueCents).toBe((enterprise?.customers ?? 0) * 49900);
    expect(enterprise?.customers).toBeGreaterThan(0);
    expect(result.data.find((r) => r.tierName === "Premium")?.priceLabel).toBe("$49 / month");
    expect(result.data.find((r) => r.tierName === "Basic")?.priceLabel).toBe("Free");
  });
  it("is for billing staff only", async () => {
    const refused = await tierRevenue(await newCustomer("basic"));
    expect(refused.ok ? "" : refused.error.code).toBe("forbidden");
  });
});
