import "server-only";
import { customerIdsMatching, customerNames } from "@/lib/audit/customer-match";
import { dayRange, type AuditFilters } from "@/lib/audit/filter-schema";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import type { PolicyAction } from "@/lib/policy/action-names";
import { ok, type Result } from "@/lib/result";
import { keysetPage, keysetWhere, type KeysetPage, type KeysetPosition } from "@/lib/validation/keyset";
import { likeLiteral } from "@/lib/validation/search";

export interface AuditEntryView {
  id: string;
  createdAt: Date;
  action: string;
  outcome: string;
  actorId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  targetType: string;
  targetId: string | null;
  customerId: string | null;
  customerName: string | null;
  meta: Prisma.JsonValue | null;
}

const entrySelect = {
  id: true,
  createdAt: true,
  action: true,
  outcome: true,
  actorId: true,
  actorEmail: true,
  actorRole: true,
  targetType: true,
  targetId: true,
  customerId: true,
  meta: true,
} as const;

/**
 * The where clause of the filters, or null when the customer term matches nobody (no query needed). The actor
 * term matches the e-mail recorded with the entry (case-insensitive, wildcards literal), or the user id exactly.
 */
export async function auditWhere(filters: AuditFilters): Promise<{ where: Prisma.AuditLogWhereInput | null; customersTruncated: boolean }> {
  const where: Prisma.AuditLogWhereInput = {};
  if (filters.action) where.action = filters.action;
  if (filters.outcome) where.outcome = filters.outcome;
  if (filters.actor) where.OR = [{ actorEmail: { contains: likeLiteral(filters.actor), mode: "insensitive" } }, { actorId: filters.actor }];
  if (filters.from || filters.to) where.createdAt = dayRange(filters.from, filters.to);
  let customersTruncated = false;
  if (filters.customer) {
    const matched = await customerIdsMatching(filters.customer);
    if (matched.ids.length === 0) return { where: null, customersTruncated };
    customersTruncated = matched.truncated;
    where.customerId = { in: matched.ids };
  }
  return { where, customersTruncated };
}

export interface AuditPage extends KeysetPage<AuditEntryView> {
  /** The customer term matched more customers than the filter takes; the admin should narrow it. */
  customersTruncated: boolean;
}

/** One page of the audit log, newest first, filtered (admins only: audit.read). */
export async function listAuditEntries(
  actor: Actor | null,
  filters: AuditFilters,
  { before, after, pageSize = 50 }: { before?: KeysetPosition | null; after?: KeysetPosition | null; pageSize?: number } = {},
): Promise<Result<AuditPage>> {
  const allowed = authorize(actor, "audit.read");
  if (!allowed.ok) return allowed;
  const { where, customersTruncated } = await auditWhere(filters);
  if (!where) return ok({ rows: [], newer: null, older: null, customersTruncated });
  const page = await keysetPage(
    { before, after, pageSize },
    (extra, order, take) =>
      db.auditLog.findMany({ where: { AND: [where, extra] }, orderBy: [{ createdAt: order }, { id: order }], take, select: entrySelect }),
    async (extra) => (await db.auditLog.findFirst({ where: { AND: [where, extra] }, select: { id: true } })) !== null,
  );
  const names = await customerNames(page.rows.flatMap((r) => (r.customerId ? [r.customerId] : [])));
  return ok({
    ...page,
    rows: page.rows.map((r) => ({ ...r, customerName: r.customerId ? (names.get(r.customerId) ?? null) : null })),
    customersTruncated,
  });
}

/**
 * Every entry the filters select, newest first, read in batches of `batchSize` by keyset so an export of any size
 * holds one batch in memory. The caller authorizes (audit.export) before it starts streaming.
 */
export async function* auditEntriesInBatches(where: Prisma.AuditLogWhereInput, batchSize = 500) {
  let position: KeysetPosition | null = null;
  for (;;) {
    const batch: Awaited<ReturnType<typeof db.auditLog.findMany<{ select: typeof entrySelect }>>> = await db.auditLog.findMany({
      where: position ? { AND: [where, keysetWhere(position, "before")] } : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: batchSize,
      select: entrySelect,
    });
    yield batch;
    const last = batch.at(-1);
    if (!last || batch.length < batchSize) return;
    position = last;
  }
}

/** The audit trail of one target (an operation's page shows who retried it). */
export async function auditTrailOf(actor: Actor | null, action: PolicyAction, target: { type: string; id: string }, take = 20) {
  const allowed = authorize(actor, action);
  if (!allowed.ok) return allowed;
  const rows = await db.auditLog.findMany({
    where: { targetType: target.type, targetId: target.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: entrySelect,
  });
  return ok(rows);
}
