import { APIGatewayClient, CreateUsagePlanCommand, DeleteUsagePlanCommand, UpdateUsagePlanCommand } from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { targetApi } from "@/lib/gateway/target-api";
import { listTiers } from "@/lib/tiers/queries";
import { syncTiers } from "@/lib/tiers/sync-tiers";

const aws = new APIGatewayClient({ maxAttempts: 1 });

describe("syncing tiers from usage plans", () => {
  it("creates the seed article's tiers with their limits, prices and visibility", async () => {
    await syncTiers();
    const tiers = await db.tier.findMany({ where: { slug: { in: ["basic", "premium", "enterprise"] } }, orderBy: { sortOrder: "asc" } });
    expect(tiers.map((t) => [t.slug, t.rateLimit, t.burstLimit, t.quotaLimit, t.quotaPeriod, t.visibility])).toEqual([
      ["basic", 10, 20, 1000, "DAY", "PUBLIC"],
      ["premium", 100, 200, 10000, "DAY", "PUBLIC"],
      ["enterprise", 1000, 2000, null, null, "APPROVAL"],
    ]);
  });

  it("follows changes to a plan, picks up new plans on the stage and ignores plans on other stages", async () => {
    const api = await targetApi();
    const created = await aws.send(
      new CreateUsagePlanCommand({
        name: `Startup ${Date.now()}`,
        apiStages: [{ apiId: api.restApiId, stage: api.stage }],
        throttle: { rateLimit: 25, burstLimit: 50 },
        quota: { limit: 5000, period: "WEEK" },
        tags: { "gatehouse:price-cents": "1900" },
      }),
    );
    const elsewhere = await aws.send(new CreateUsagePlanCommand({ name: `Unrelated ${Date.now()}`, throttle: { rateLimit: 1, burstLimit: 1 } }));
    await syncTiers();
    const tier = await db.tier.findUniqueOrThrow({ where: { usagePlanId: created.id ?? "" } });
    expect([tier.rateLimit, tier.quotaLimit, tier.quotaPeriod, tier.monthlyPriceCents]).toEqual([25, 5000, "WEEK", 1900]);
    expect(await db.tier.findUnique({ where: { usagePlanId: elsewhere.id ?? "" } })).toBeNull();

    await aws.send(new UpdateUsagePlanCommand({ usagePlanId: created.id, patchOperations: [{ op: "replace", path: "/quota/limit", value: "6000" }] }));
    await syncTiers();
    expect((await db.tier.findUniqueOrThrow({ where: { id: tier.id } })).quotaLimit).toBe(6000);

    await aws.send(new DeleteUsagePlanCommand({ usagePlanId: elsewhere.id }));
  });

  it("stops offering a tier whose usage plan is gone, while keeping it for its customers", async () => {
    const retired = await db.tier.create({
      data: { slug: `retired-${Date.now()}`, name: "Retired", usagePlanId: `vanished${Date.now()}`, rateLimit: 1, burstLimit: 1 },
    });
    expect((await listTiers()).map((t) => t.id)).toContain(retired.id);
    await syncTiers();
    expect((await db.tier.findUniqueOrThrow({ where: { id: retired.id } })).available).toBe(false);
    expect((await listTiers()).map((t) => t.id)).not.toContain(retired.id);
    expect((await listTiers()).map((t) => t.slug)).toEqual(expect.arrayContaining(["basic", "premium", "enterprise"]));
  });
});
