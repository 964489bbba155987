import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { adminChangeTierSchema, adminDeleteCustomerSchema, extendQuotaSchema, suspendCustomerSchema } from "@/lib/customers/admin-schemas";
import { db } from "@/lib/db";
import type { OperationKind, Prisma } from "@/lib/generated/prisma";
import { countLiveKeys, keysFitTier, tooManyKeysFor } from "@/lib/keys/key-limit";
import { LIVE_KEY_STATUSES } from "@/lib/keys/key-status";
import { enqueueOperation } from "@/lib/operations/enqueue";
import { runOperationNow, type RunOutcome } from "@/lib/operations/run";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import type { PolicyAction } from "@/lib/policy/action-names";
import { fail, ok, type Result } from "@/lib/result";
import { quotaPeriodAt } from "@/lib/usage/quota-period";
import { addDays, utcDay } from "@/lib/usage/utc-days";
import { invalidInput } from "@/lib/validation/field-errors";
import { idSchema } from "@/lib/validation/id";
import { errorFields, logger } from "@/lib/observability/log";

// What an admin does to a customer. Each action authorizes, validates, then records the change, its durable
// operation (when AWS is involved) and its audit entry in ONE transaction; the operation then runs in the request,
// and if AWS is busy the worker finishes it (the message says which).

export interface AdminOutcome {
  /** "done" when AWS finished in this request, "queued" when the worker finishes it. */
  status: "done" | "queued";
  message: string;
}

type Loaded = { id: string; name: string; status: string; tierId: string; tier: { name: string; slug: string } };

async function loadCustomer(actor: Actor | null, action: PolicyAction, customerId: unknown): Promise<Result<{ actor: Actor; customer: Loaded }>> {
  const allowed = authorize(actor, action);
  if (!allowed.ok) return allowed;
  if (!actor) return fail("unauthenticated", "Please sign in to continue.");
  const id = idSchema.safeParse(customerId);
  const customer = id.success
    ? await db.customer.findUnique({ where: { id: id.data }, select: { id: true, name: true, status: true, tierId: true, tier: { select: { name: true, slug: true } } } })
    : null;
  if (!customer || customer.status === "DELETED") return fail("not_found", "That customer does not exist or was deleted.");
  return ok({ actor, customer });
}

/** Another change to the customer's keys waiting or running (a scheduled key disable later on does not count). */
function busyWhere(customerId: string, kinds: OperationKind[]): Prisma.OperationWhereInput {
  return { customerId, kind: { in: kinds }, status: { in: ["QUEUED", "RUNNING"] } };
}

const CUSTOMER_WIDE: OperationKind[] = ["SUSPEND_CUSTOMER", "RESUME_CUSTOMER", "MOVE_TIER", "DELETE_CUSTOMER", "EXTEND_QUOTA"];
const BUSY = "Another change to this customer is still in progress. It finishes on its own in a moment; try again then.";

async function runNow(operationId: string): Promise<RunOutcome | null> {
  try {
    return await runOperationNow(operationId);
  } catch (error) {
    logger("admin-customers").error({ operationId, ...errorFields(error) }, "running the operation now failed");
    return null;
  }
}

function outcome(op: RunOutcome | null, done: string, queued: string, failed: string): Result<AdminOutcome> {
  if (op?.status === "succeeded") return ok({ status: "done", message: done });
  if (op?.status === "failed") return fail("unavailable", failed);
  return ok({ status: "queued", message: queued });
}

const keyCount = (n: number) => `${n} key${n === 1 ? "" : "s"}`;

/** Suspends a customer: marked SUSPENDED at once (no new keys, no enabling), then every active key disabled in AWS. */
export async function suspendCustomer(actor: Actor | null, customerId: unknown, input: unknown): Promise<Result<AdminOutcome>> {
  const loaded = await loadCustomer(actor, "customer.suspend", customerId);
  if (!loaded.ok) return loaded;
  const parsed = suspendCustomerSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { actor: admin, customer } = loaded.data;
  const reason = parsed.data.reason ?? undefined;
  const queued = await db.$transaction(async (tx) => {
    if ((await tx.operation.count({ where: busyWhere(customer.id, CUSTOMER_WIDE) })) > 0) return fail("conflict", BUSY);
    const changed = await tx.customer.updateMany({ where: { id: customer.id, status: "ACTIVE" }, data: { status: "SUSPENDED" } });
    if (changed.count !== 1) return fail("conflict", `${customer.name} is already suspended.`);
    const keys = await tx.apiKey.count({ where: { customerId: customer.id, status: "ACTIVE" } });
    const op = await enqueueOperation(tx, { kind: "SUSPEND_CUSTOMER", customerId: customer.id, createdById: admin.userId, input: reason ? { reason } : {} });
    await recordAudit(tx, {
      actor: admin,
      action: "customer.suspend",
      target: { type: "customer", id: customer.id },
      customerId: customer.id,
      meta: { keysToDisable: keys, operationId: op.id, ...(reason ? { reason } : {}) },
    });
    return ok(op.id);
  });
  if (!queued.ok) return queued;
  return outcome(
    await runNow(queued.data),
    `${customer.name} is suspended and their keys are disabled in AWS.`,
    `${customer.name} is suspended. AWS is busy, so their keys are being disabled in the background.`,
    `Disabling ${customer.name}'s keys in AWS failed, so the suspension was undone. Nothing changed; please try again.`,
  );
}

/** Resumes a suspended customer: active at once, then the keys the suspension disabled enabled again in AWS. */
export async function resumeCustomer(actor: Actor | null, customerId: unknown): Promise<Result<AdminOutcome>> {
  const loaded = await loadCustomer(actor, "customer.resume", customerId);
  if (!loaded.ok) return loaded;
  const { actor: admin, customer } = loaded.data;
  const queued = await db.$transaction(async (tx) => {
    if ((await tx.operation.count({ where: busyWhere(customer.id, CUSTOMER_WIDE) })) > 0) return fail("conflict", BUSY);
    const changed = await tx.customer.updateMany({ where: { id: customer.id, status: "SUSPENDED" }, data: { status: "ACTIVE" } });
    if (changed.count !== 1) return fail("conflict", `${customer.name} is not suspended.`);
    const keys = await tx.apiKey.count({ where: { customerId: customer.id, suspendedAt: { not: null }, status: "DISABLED" } });
    const op = await enqueueOperation(tx, { kind: "RESUME_CUSTOMER", customerId: customer.id, createdById: admin.userId });
    await recordAudit(tx, {
      actor: admin,
      action: "customer.resume",
      target: { type: "customer", id: customer.id },
      customerId: customer.id,
      meta: { keysToEnable: keys, operationId: op.id },
    });
    return ok({ opId: op.id, keys });
  });
  if (!queued.ok) return queued;
  return outcome(
    await runNow(queued.data.opId),
    `${customer.name} is active again; ${keyCount(queued.data.keys)} enabled in AWS.`,
    `${customer.name} is active again. AWS is busy, so their keys are being enabled in the background.`,
    `Enabling ${customer.name}'s keys in AWS failed, so they stay suspended. Please try again.`,
  );
}

/** Moves a customer to any tier, approval-only ones included (an admin's override), through MOVE_TIER. */
export async function adminChangeTier(actor: Actor | null, customerId: unknown, input: unknown): Promise<Result<AdminOutcome>> {
  const loaded = await loadCustomer(actor, "customer.change_tier", customerId);
  if (!loaded.ok) return loaded;
  const parsed = adminChangeTierSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { actor: admin, customer } = loaded.data;
  const target = await db.tier.findUnique({ where: { id: parsed.data.tierId } });
  if (!target || !target.available) return fail("invalid", "Please choose one of the listed tiers.", { tierId: ["Choose one of the listed tiers."] });
  if (target.id === customer.tierId) return fail("invalid", `${customer.name} is already on ${target.name}.`, { tierId: [`${customer.name} is already on ${target.name}.`] });
  const keys = await countLiveKeys(db, customer.id);
  if (!keysFitTier(keys, target)) return fail("conflict", tooManyKeysFor(target, keys));
  const queued = await db.$transaction(async (tx) => {
    if ((await tx.operation.count({ where: busyWhere(customer.id, CUSTOMER_WIDE) })) > 0) return fail("conflict", BUSY);
    const op = await enqueueOperation(tx, { kind: "MOVE_TIER", customerId: customer.id, createdById: admin.userId, input: { fromTierId: customer.tierId, toTierId: target.id } });
    // A pending request for this tier is settled by the move.
    await tx.tierChangeRequest.updateMany({
      where: { customerId: customer.id, status: "PENDING", toTierId: target.id },
      data: { status: "APPROVED", decidedById: admin.userId, decidedAt: new Date(), decisionNote: "Moved by an admin" },
    });
    await recordAudit(tx, {
      actor: admin,
      action: "customer.change_tier",
      target: { type: "customer", id: customer.id },
      customerId: customer.id,
      meta: { from: customer.tier.name, to: target.name, operationId: op.id },
    });
    return ok(op.id);
  });
  if (!queued.ok) return queued;
  return outcome(
    await runNow(queued.data),
    `${customer.name} is now on ${target.name}.`,
    `AWS is busy, so ${customer.name}'s move to ${target.name} is queued and finishes automatically.`,
    `Moving ${customer.name}'s keys to ${target.name} failed, so they were put back on ${customer.tier.name}. Nothing changed; please try again.`,
  );
}

/**
 * Deletes a customer (typed name to confirm): closed at once (DELETED, so its sessions stop), then DELETE_CUSTOMER
 * deletes every key in AWS and scrubs personal data; the audit trail stays.
 */
export async function adminDeleteCustomer(actor: Actor | null, customerId: unknown, input: unknown): Promise<Result<AdminOutcome>> {
  const loaded = await loadCustomer(actor, "customer.delete", customerId);
  if (!loaded.ok) return loaded;
  const parsed = adminDeleteCustomerSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { actor: admin, customer } = loaded.data;
  if (parsed.data.confirm !== customer.name.trim()) {
    const message = `Type ${customer.name} exactly to confirm.`;
    return fail("invalid", message, { confirm: [message] });
  }
  const queued = await db.$transaction(async (tx) => {
    const closed = await tx.customer.updateMany({ where: { id: customer.id, status: { not: "DELETED" } }, data: { status: "DELETED", deletedAt: new Date() } });
    if (closed.count !== 1) return fail("not_found", "That customer was already deleted.");
    await tx.passwordResetToken.deleteMany({ where: { user: { customerId: customer.id } } });
    const keys = await tx.apiKey.count({ where: { customerId: customer.id, status: { in: LIVE_KEY_STATUSES } } });
    const op = await enqueueOperation(tx, { kind: "DELETE_CUSTOMER", customerId: customer.id, createdById: admin.userId, input: { reason: "deleted by an admin" } });
    await recordAudit(tx, {
      actor: admin,
      action: "customer.delete",
      target: { type: "customer", id: customer.id },
      customerId: customer.id,
      meta: { keysToRevoke: keys, operationId: op.id },
    });
    return ok({ opId: op.id, keys });
  });
  if (!queued.ok) return queued;
  const op = await runNow(queued.data.opId);
  // DELETE_CUSTOMER retries until done; there is no undo, so even "failed" means the worker or an admin finishes it.
  if (op?.status === "succeeded") return ok({ status: "done", message: `${customer.name} was deleted and ${keyCount(queued.data.keys)} deleted in AWS.` });
  return ok({ status: "queued", message: `${customer.name} was deleted. Their keys are being deleted in AWS in the background; see Operations.` });
}

/** The current quota period of the customer's tier, as days (YYYY-MM-DD, inclusive). */
export function currentQuotaPeriod(period: "DAY" | "WEEK" | "MONTH", now = new Date()): { start: string; end: string } {
  const window = quotaPeriodAt(period, now);
  return { start: utcDay(window.start), end: addDays(utcDay(window.end), -1) };
}

/** Adds requests to the remaining quota of each of the customer's keys for the current period (UpdateUsage). */
export async function extendCustomerQuota(actor: Actor | null, customerId: unknown, input: unknown): Promise<Result<AdminOutcome>> {
  const loaded = await loadCustomer(actor, "customer.extend_quota", customerId);
  if (!loaded.ok) return loaded;
  const parsed = extendQuotaSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { actor: admin, customer } = loaded.data;
  const tier = await db.tier.findUniqueOrThrow({ where: { id: customer.tierId }, select: { name: true, quotaLimit: true, quotaPeriod: true } });
  if (tier.quotaLimit === null || tier.quotaPeriod === null) return fail("conflict", `The ${tier.name} tier has no quota, so there is nothing to extend.`);
  const keys = await db.apiKey.count({ where: { customerId: customer.id, status: { in: ["ACTIVE", "DISABLED"] }, awsKeyId: { not: null } } });
  if (keys === 0) return fail("conflict", `${customer.name} has no keys whose quota could be extended.`);
  const period = currentQuotaPeriod(tier.quotaPeriod);
  const { extra } = parsed.data;
  const reason = parsed.data.reason ?? undefined;
  const queued = await db.$transaction(async (tx) => {
    if ((await tx.operation.count({ where: busyWhere(customer.id, CUSTOMER_WIDE) })) > 0) return fail("conflict", BUSY);
    const op = await enqueueOperation(tx, {
      kind: "EXTEND_QUOTA",
      customerId: customer.id,
      createdById: admin.userId,
      input: { extra, periodStart: period.start, periodEnd: period.end, ...(reason ? { reason } : {}) },
    });
    await recordAudit(tx, {
      actor: admin,
      action: "customer.extend_quota",
      target: { type: "customer", id: customer.id },
      customerId: customer.id,
      meta: { extra, keys, periodStart: period.start, periodEnd: period.end, operationId: op.id, ...(reason ? { reason } : {}) },
    });
    return ok(op.id);
  });
  if (!queued.ok) return queued;
  const n = extra.toLocaleString("en-US");
  return outcome(
    await runNow(queued.data),
    `Added ${n} requests to each of ${customer.name}'s ${keyCount(keys)} until the quota resets on ${addDays(period.end, 1)}.`,
    `AWS is busy, so the extension of ${n} requests is queued and applied automatically.`,
    `Extending ${customer.name}'s quota failed in AWS and was taken back. Nothing changed; please try again.`,
  );
}
