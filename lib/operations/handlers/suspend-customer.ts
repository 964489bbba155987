import "server-only";
import { z } from "zod";
import { updateApiKey } from "@/lib/aws/api-gateway";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import type { OperationHandler } from "@/lib/operations/handler";
import { repartitionCustomer } from "@/lib/quota/rebalance";

const suspendInput = z.object({ reason: z.string().optional() });

/** Keys a suspension disabled (and a resume has not yet enabled again). */
function suspendedKeys(customerId: string) {
  return db.apiKey.findMany({
    where: { customerId, status: "DISABLED", suspendedAt: { not: null }, awsKeyId: { not: null } },
    select: { id: true, awsKeyId: true },
  });
}

async function enableSuspendedKeys(customerId: string): Promise<string[]> {
  const enabled: string[] = [];
  const keys = await suspendedKeys(customerId);
  // The keys come back with their share of the pooled remainder (a period may have ended while they were off).
  if (keys.length > 0) await repartitionCustomer(customerId, { include: keys.map((k) => k.id) });
  for (const key of keys) {
    await updateApiKey(key.awsKeyId ?? "", { enabled: true });
    await db.apiKey.update({ where: { id: key.id }, data: { status: "ACTIVE", disabledAt: null, suspendedAt: null } });
    enabled.push(key.id);
  }
  return enabled;
}

async function disableActiveKeys(customerId: string, only?: readonly string[]): Promise<number> {
  const keys = await db.apiKey.findMany({
    where: { customerId, status: "ACTIVE", awsKeyId: { not: null }, ...(only ? { id: { in: [...only] } } : {}) },
    select: { id: true, awsKeyId: true },
  });
  for (const key of keys) {
    // AWS first, then the record: a crash in between leaves the key ACTIVE in the record, and the re-run disables it again.
    await updateApiKey(key.awsKeyId ?? "", { enabled: false });
    const now = new Date();
    await db.apiKey.update({ where: { id: key.id }, data: { status: "DISABLED", disabledAt: now, suspendedAt: now } });
  }
  return keys.length;
}

async function setStatus(customerId: string, status: "ACTIVE" | "SUSPENDED") {
  await db.customer.updateMany({ where: { id: customerId, status: { not: "DELETED" } }, data: { status } });
}

/**
 * Disables every active key of a suspended customer in AWS, marking each as disabled by the suspension (so a resume
 * enables exactly those and not the ones the customer had turned off). The customer is marked SUSPENDED by the
 * action that queues this; if it gives up, the keys it disabled are enabled again and the customer is active again.
 */
export const suspendCustomerHandler: OperationHandler = {
  async run(ctx) {
    const { reason } = suspendInput.parse(ctx.input);
    const customerId = ctx.customerId ?? "";
    const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { status: true } });
    if (customer.status !== "SUSPENDED") return undefined; // resumed or deleted meanwhile: nothing to disable
    const disabled = await disableActiveKeys(customerId);
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: null,
        action: "customer.suspend",
        target: { type: "customer", id: customerId },
        customerId,
        meta: { keysDisabled: disabled, operationId: ctx.id, ...(reason ? { reason } : {}) },
      }),
    );
    return undefined;
  },
  async compensate(ctx, reason) {
    const customerId = ctx.customerId ?? "";
    const enabled = await enableSuspendedKeys(customerId);
    await setStatus(customerId, "ACTIVE");
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: null,
        action: "customer.suspend",
        target: { type: "customer", id: customerId },
        customerId,
        outcome: "failure",
        meta: { reason, keysEnabledAgain: enabled.length },
      }),
    );
  },
};

/**
 * Enables again every key the suspension disabled; the customer is marked ACTIVE by the action that queues this. If
 * it gives up, the keys it enabled are disabled again and the customer stays suspended.
 */
export const resumeCustomerHandler: OperationHandler = {
  async run(ctx) {
    const customerId = ctx.customerId ?? "";
    const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { status: true } });
    if (customer.status !== "ACTIVE") return undefined; // suspended again or deleted meanwhile
    const pending = await suspendedKeys(customerId);
    await ctx.save({ enabling: [...new Set([...((ctx.state.enabling as string[] | undefined) ?? []), ...pending.map((k) => k.id)])] });
    const enabled = await enableSuspendedKeys(customerId);
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: null,
        action: "customer.resume",
        target: { type: "customer", id: customerId },
        customerId,
        meta: { keysEnabled: enabled.length, operationId: ctx.id },
      }),
    );
    return undefined;
  },
  async compensate(ctx, reason) {
    const customerId = ctx.customerId ?? "";
    await setStatus(customerId, "SUSPENDED");
    const disabled = await disableActiveKeys(customerId, (ctx.state.enabling as string[] | undefined) ?? []);
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: null,
        action: "customer.resume",
        target: { type: "customer", id: customerId },
        customerId,
        outcome: "failure",
        meta: { reason, keysDisabledAgain: disabled },
      }),
    );
  },
};
