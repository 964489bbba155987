import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { PermanentFailure } from "@/lib/operations/errors";
import type { OperationHandler } from "@/lib/operations/handler";
import { repartitionCustomer } from "@/lib/quota/rebalance";
import { dayStart, utcDay } from "@/lib/usage/utc-days";

export const extendQuotaInput = z.object({
  extra: z.number().int().positive(),
  /** The quota period the extension is for (its first day, YYYY-MM-DD); it lapses when the period ends. */
  periodStart: z.string(),
  periodEnd: z.string(),
  reason: z.string().optional(),
});

/**
 * Adds `extra` requests to the customer's pooled quota for the current period: a QuotaGrant row (one per operation,
 * so a re-run never grants twice) that lib/quota/pooled-usage.ts adds to the quota, then the pooled remainder is split
 * over the customer's keys again (UpdateUsage). A per-key UpdateUsage alone would be undone by the next rebalance.
 * Compensation takes the grant back and splits again.
 */
export const extendQuotaHandler: OperationHandler = {
  async run(ctx) {
    const { extra, periodStart, periodEnd, reason } = extendQuotaInput.parse(ctx.input);
    const customerId = ctx.customerId ?? "";
    const customer = await db.customer.findUniqueOrThrow({
      where: { id: customerId },
      select: { status: true, tier: { select: { quotaLimit: true, name: true } } },
    });
    if (customer.status === "DELETED") throw new PermanentFailure("The customer was deleted.");
    if (customer.tier.quotaLimit === null) throw new PermanentFailure(`The ${customer.tier.name} tier has no quota to extend.`);
    if (utcDay(new Date()) > periodEnd) throw new PermanentFailure("The quota period this extension was for has ended.");
    await db.quotaGrant.upsert({
      where: { operationId: ctx.id },
      create: { customerId, periodStart: dayStart(periodStart), extra, operationId: ctx.id },
      update: {},
    });
    const split = await repartitionCustomer(customerId);
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: null,
        action: "customer.extend_quota",
        target: { type: "customer", id: customerId },
        customerId,
        meta: { extra, keys: Object.keys(split.shares).length, periodStart, periodEnd, operationId: ctx.id, ...(reason ? { reason } : {}) },
      }),
    );
    return undefined;
  },
  async compensate(ctx, reason) {
    const { extra } = extendQuotaInput.parse(ctx.input);
    const customerId = ctx.customerId ?? "";
    const taken = await db.quotaGrant.deleteMany({ where: { operationId: ctx.id } });
    if (taken.count > 0) await repartitionCustomer(customerId);
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: null,
        action: "customer.extend_quota",
        target: { type: "customer", id: customerId },
        customerId,
        outcome: "failure",
        meta: { reason, extra, grantTakenBack: taken.count > 0 },
      }),
    );
  },
};
