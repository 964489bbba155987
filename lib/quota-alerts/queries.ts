import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import type { QuotaAlertFilters } from "@/lib/quota-alerts/filter-schema";
import { highestThreshold, type AlertThreshold } from "@/lib/quota-alerts/thresholds";
import { pooledQuota } from "@/lib/quota/pooled-usage";
import { ok, type Result } from "@/lib/result";
import type { QuotaPeriod } from "@/lib/usage/quota-period";
import { encodeCursor, type KeysetPage, type KeysetPosition } from "@/lib/validation/keyset";

export interface OwnQuotaAlert {
  /** The highest threshold the pooled usage has reached this period. */
  level: AlertThreshold;
  used: number;
  quota: number;
  period: QuotaPeriod;
  resetsAt: Date;
  /** When the alert e-mail for this level went out this period (null: not yet). */
  emailedAt: Date | null;
}

/**
 * The signed-in customer's quota alert for the dashboard banner: null below 80% of the pooled quota, without a
 * quota, or for anyone who is not a customer. Reads stored figures only (no AWS call): one pooled-quota read and
 * one indexed lookup of this period's alert.
 */
export async function ownQuotaAlert(actor: Actor | null, now: Date = new Date()): Promise<OwnQuotaAlert | null> {
  if (!actor || actor.role !== "CUSTOMER" || !actor.customerId) return null;
  if (!authorize(actor, "usage.read", { customerId: actor.customerId }).ok) return null;
  const pooled = await pooledQuota(actor.customerId, now);
  if (!pooled || !pooled.window || pooled.quota === null) return null;
  const level = highestThreshold(pooled.used, pooled.quota);
  if (level === null) return null;
  const alert = await db.quotaAlert.findUnique({
    where: { customerId_threshold_periodStart: { customerId: actor.customerId, threshold: level, periodStart: pooled.window.start } },
    select: { emailedAt: true },
  });
  return { level, used: pooled.used, quota: pooled.quota, period: pooled.window.period, resetsAt: pooled.window.end, emailedAt: alert?.emailedAt ?? null };
}

export interface QuotaAlertView {
  id: string;
  customerId: string;
  customerName: string | null;
  customerCompany: string | null;
  customerDeleted: boolean;
  tierName: string | null;
  threshold: number;
  period: QuotaPeriod;
  periodStart: Date;
  periodEnd: Date;
  quota: number;
  used: number;
  crossedAt: Date;
  emailedAt: Date | null;
  recipients: number;
  emailError: string | null;
}

/** The where clause of billing's filters, at `now` ("" = the quota periods running now). */
export function quotaAlertWhere(filters: QuotaAlertFilters, now: Date): Prisma.QuotaAlertWhereInput {
  const where: Prisma.QuotaAlertWhereInput = {};
  if (filters.threshold) where.threshold = Number(filters.threshold);
  if (filters.period === "") {
    where.periodStart = { lte: now };
    where.periodEnd = { gt: now };
  } else if (filters.period !== "all") {
    const [year, month] = filters.period.split("-").map(Number);
    where.periodStart = { gte: new Date(Date.UTC(year ?? 2000, (month ?? 1) - 1, 1)), lt: new Date(Date.UTC(year ?? 2000, month ?? 1, 1)) };
  }
  return where;
}

// Keyset pagination as lib/validation/keyset.ts (same cursors), on (crossedAt, id): newest crossings first.
function crossedAtWhere(position: KeysetPosition, side: "before" | "after"): Prisma.QuotaAlertWhereInput {
  const op = side === "before" ? "lt" : "gt";
  return { OR: [{ crossedAt: { [op]: position.createdAt } }, { crossedAt: position.createdAt, id: { [op]: position.id } }] };
}

const alertSelect = {
  id: true,
  customerId: true,
  tierId: true,
  threshold: true,
  period: true,
  periodStart: true,
  periodEnd: true,
  quota: true,
  used: true,
  crossedAt: true,
  emailedAt: true,
  recipients: true,
  emailError: true,
} as const;

/** One page of quota-threshold crossings, newest first, filtered (billing staff and admins: quota_alert.list). */
export async function listQuotaAlerts(
  actor: Actor | null,
  filters: QuotaAlertFilters,
  { before, after, pageSize = 50, now = new Date() }: { before?: KeysetPosition | null; after?: KeysetPosition | null; pageSize?: number; now?: Date } = {},
): Promise<Result<KeysetPage<QuotaAlertView>>> {
  const allowed = authorize(actor, "quota_alert.list");
  if (!allowed.ok) return allowed;
  const where = quotaAlertWhere(filters, now);
  const find = (extra: Prisma.QuotaAlertWhereInput, order: "asc" | "desc") =>
    db.quotaAlert.findMany({ where: { AND: [where, extra] }, orderBy: [{ crossedAt: order }, { id: order }], take: pageSize, select: alertSelect });
  const rows = after && !before ? (await find(crossedAtWhere(after, "after"), "asc")).reverse() : await find(before ? crossedAtWhere(before, "before") : {}, "desc");
  const exists = async (extra: Prisma.QuotaAlertWhereInput) => (await db.quotaAlert.findFirst({ where: { AND: [where, extra] }, select: { id: true } })) !== null;
  const first = rows[0];
  const last = rows.at(-1);
  const position = (r: { crossedAt: Date; id: string }) => ({ createdAt: r.crossedAt, id: r.id });
  const [hasNewer, hasOlder] = await Promise.all([
    first ? exists(crossedAtWhere(position(first), "after")) : false,
    last ? exists(crossedAtWhere(position(last), "before")) : false,
  ]);

  const [customers, tiers] = await Promise.all([
    db.customer.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.customerId))] } }, select: { id: true, name: true, company: true, status: true } }),
    db.tier.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.tierId))] } }, select: { id: true, name: true } }),
  ]);
  const customerById = new Map(customers.map((c) => [c.id, c]));
  const tierName = new Map(tiers.map((t) => [t.id, t.name]));
  return ok({
    rows: rows.map(({ tierId, ...r }) => {
      const customer = customerById.get(r.customerId);
      return {
        ...r,
        customerName: customer?.name ?? null,
        customerCompany: customer?.company ?? null,
        customerDeleted: !customer || customer.status === "DELETED",
        tierName: tierName.get(tierId) ?? null,
      };
    }),
    newer: first && hasNewer ? encodeCursor(position(first)) : null,
    older: last && hasOlder ? encodeCursor(position(last)) : null,
  });
}
