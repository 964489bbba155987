import "server-only";
import { z } from "zod";
import { remainingQuota, setRemainingQuota } from "@/lib/aws/customer-quota";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { PermanentFailure } from "@/lib/operations/errors";
import type { OperationHandler } from "@/lib/operations/handler";
import { refreshUsage } from "@/lib/usage/sync-usage";
import { utcDay } from "@/lib/usage/utc-days";

export const extendQuotaInput = z.object({
  extra: z.number().int().positive(),
  /** The quota period the extension is for (its first day, YYYY-MM-DD); it lapses when the period ends. */
  periodStart: z.string(),
  periodEnd: z.string(),
  reason: z.string().optional(),
});

const targetsSchema = z.record(z.string(), z.number());

/**
 * Adds `extra` requests to the remaining quota of every live key of the customer, for the current period only
 * (UpdateUsage `replace /remaining`). Each key's new remaining value is computed once and saved before it is
 * written, so a re-run after a crash writes the same value again instead of adding twice. Compensation takes the
 * extra back from the keys already extended.
 */
export const extendQuotaHandler: OperationHandler = {
  async run(ctx) {
    const { extra, periodStart, periodEnd, reason } = extendQuotaInput.parse(ctx.input);
    const customerId = ctx.customerId ?? "";
    const customer = await db.customer.findUniqueOrThrow({
      where: { id: customerId },
      select: { status: true, tier: { select: { usagePlanId: true, quotaLimit: true, name: true } } },
    });
    if (customer.status === "DELETED") throw new PermanentFailure("The customer was deleted.");
    if (customer.tier.quotaLimit === null) throw new PermanentFailure(`The ${customer.tier.name} tier has no quota to extend.`);
    const today = utcDay(new Date());
    if (today > periodEnd) throw new PermanentFailure("The quota period this extension was for has ended.");
    const planId = customer.tier.usagePlanId;
    const keys = await db.apiKey.findMany({
      where: { customerId, status: { in: ["ACTIVE", "DISABLED"] }, awsKeyId: { not: null }, usagePlanId: planId },
      select: { id: true, awsKeyId: true },
      orderBy: { createdAt: "asc" },
    });
    const targets = targetsSchema.parse(ctx.state.targets ?? {});
    for (const key of keys) {
      const awsKeyId = key.awsKeyId ?? "";
      if (targets[key.id] === undefined) {
        const remaining = await remainingQuota(planId, awsKeyId, today);
        targets[key.id] = Math.max(0, remaining ?? customer.tier.quotaLimit) + extra;
        await ctx.save({ targets: { ...targets }, planId });
      }
      await setRemainingQuota(planId, awsKeyId, targets[key.id] ?? 0);
    }
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: null,
        action: "customer.extend_quota",
        target: { type: "customer", id: customerId },
        customerId,
        meta: { extra, keys: keys.length, periodStart, periodEnd, operationId: ctx.id, ...(reason ? { reason } : {}) },
      }),
    );
    await refreshUsage(customerId).catch(() => undefined);
    return undefined;
  },
  async compensate(ctx, reason) {
    const { extra } = extendQuotaInput.parse(ctx.input);
    const customerId = ctx.customerId ?? "";
    const targets = targetsSchema.parse(ctx.state.targets ?? {});
    const planId = typeof ctx.state.planId === "string" ? ctx.state.planId : null;
    let restored = 0;
    if (planId) {
      const today = utcDay(new Date());
      const keys = await db.apiKey.findMany({ where: { id: { in: Object.keys(targets) }, awsKeyId: { not: null } }, select: { awsKeyId: true } });
      for (const key of keys) {
        const remaining = await remainingQuota(planId, key.awsKeyId ?? "", today);
        if (remaining === null) continue;
        await setRemainingQuota(planId, key.awsKeyId ?? "", Math.max(0, remaining - extra));
        restored++;
      }
    }
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: null,
        action: "customer.extend_quota",
        target: { type: "customer", id: customerId },
        customerId,
        outcome: "failure",
        meta: { reason, extra, keysTakenBack: restored },
      }),
    );
  },
};
