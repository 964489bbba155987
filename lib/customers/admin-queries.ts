import "server-only";
import { currentQuotaPeriod } from "@/lib/customers/admin-actions";
import { customerViewRights, type CustomerViewRights } from "@/lib/customers/view-rights";
import { db } from "@/lib/db";
import type { ApiKeyStatus, CustomerStatus, OperationKind, OperationStatus, TierRequestStatus } from "@/lib/generated/prisma";
import { authorize } from "@/lib/policy/authorize";
import { pooledQuota, type PooledQuota } from "@/lib/quota/pooled-usage";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import type { ChartSeries } from "@/lib/usage/chart-series";
import { keyLabel } from "@/lib/usage/chart-series";
import { dayStart, daysEndingWith, utcDay } from "@/lib/usage/utc-days";
import { idSchema } from "@/lib/validation/id";

// One customer as staff see it: everything on /admin/customers/[id] and its read-only twin /billing/customers/[id],
// read for an actor allowed customer.read. The parts other policy actions guard (operations, tier requests, audit
// trail, the tiers to move to) are read only for an actor allowed them, and are null otherwise.

export const DETAIL_USAGE_DAYS = 30;

export interface AdminCustomerDetail {
  id: string;
  name: string;
  company: string | null;
  status: CustomerStatus;
  createdAt: Date;
  deletedAt: Date | null;
  usageSyncedAt: Date | null;
  tier: { id: string; name: string; rateLimit: number; burstLimit: number; quotaLimit: number | null; quotaPeriod: string | null; maxKeys: number; visibility: string };
  users: { id: string; email: string; name: string; role: string; lastSignInAt: Date | null; liveSessions: number }[];
  keys: {
    id: string;
    name: string;
    lastFour: string | null;
    awsKeyId: string | null;
    status: ApiKeyStatus;
    suspended: boolean;
    createdAt: Date;
    failureReason: string | null;
  }[];
  usage: { days: string[]; series: ChartSeries[]; total: number };
  /** The customer's quota this period across all its keys (lib/quota/pooled-usage.ts); null for a deleted customer. */
  pool: PooledQuota | null;
  /** What the viewer may do and see beyond reading (decided from the policy table). */
  rights: CustomerViewRights;
  operations: { id: string; kind: OperationKind; status: OperationStatus; attempts: number; lastError: string | null; createdAt: Date; finishedAt: Date | null }[] | null;
  tierRequests: { id: string; toTier: string; status: TierRequestStatus; message: string | null; createdAt: Date; decidedAt: Date | null }[] | null;
  audit: { id: string; action: string; actorEmail: string | null; outcome: string; createdAt: Date; meta: unknown }[] | null;
  /** Quota extensions for the current period (EXTEND_QUOTA operations that finished). */
  extensions: { id: string; extra: number; reason: string | null; periodEnd: string; finishedAt: Date | null }[];
  /** Tiers an admin can move the customer to (every available tier, approval-only ones included). */
  tiers: { id: string; name: string; visibility: string }[] | null;
}

/** One customer for the admin (deleted ones too: their audit trail stays readable). */
export async function getAdminCustomer(actor: Actor | null, customerId: unknown, now = new Date()): Promise<Result<AdminCustomerDetail>> {
  const allowed = authorize(actor, "customer.read");
  if (!allowed.ok) return allowed;
  const rights = customerViewRights(actor);
  const id = idSchema.safeParse(customerId);
  if (!id.success) return fail("not_found", "That customer does not exist.");
  const customer = await db.customer.findUnique({
    where: { id: id.data },
    select: {
      id: true,
      name: true,
      company: true,
      status: true,
      createdAt: true,
      deletedAt: true,
      usageSyncedAt: true,
      tier: { select: { id: true, name: true, rateLimit: true, burstLimit: true, quotaLimit: true, quotaPeriod: true, maxKeys: true, visibility: true } },
      users: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          email: true,
          name: true,
          role: true,
          lastSignInAt: true,
          _count: { select: { sessions: { where: { endedAt: null, expiresAt: { gt: now } } } } },
        },
      },
      apiKeys: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { id: true, name: true, lastFour: true, awsKeyId: true, status: true, suspendedAt: true, createdAt: true, failureReason: true },
      },
      // take 0: the viewer may not read them, so none leave the database.
      operations: {
        orderBy: { createdAt: "desc" },
        take: rights.operations ? 20 : 0,
        select: { id: true, kind: true, status: true, attempts: true, lastError: true, createdAt: true, finishedAt: true, input: true },
      },
      tierRequests: {
        orderBy: { createdAt: "desc" },
        take: rights.tierRequests ? 20 : 0,
        select: { id: true, status: true, message: true, createdAt: true, decidedAt: true, toTier: { select: { name: true } } },
      },
    },
  });
  if (!customer) return fail("not_found", "That customer does not exist.");

  const days = daysEndingWith(utcDay(now), DETAIL_USAGE_DAYS);
  const [usageRows, audit, tiers, extensionOps, pool] = await Promise.all([
    db.usageDay.groupBy({
      by: ["apiKeyId", "date"],
      where: { apiKey: { customerId: customer.id }, date: { gte: dayStart(days[0] ?? utcDay(now)) } },
      _sum: { used: true },
    }),
    rights.audit
      ? db.auditLog.findMany({
          where: { customerId: customer.id },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: 50,
          select: { id: true, action: true, actorEmail: true, outcome: true, createdAt: true, meta: true },
        })
      : null,
    rights.manage
      ? db.tier.findMany({ where: { available: true }, orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { id: true, name: true, visibility: true } })
      : null,
    customer.tier.quotaPeriod
      ? db.operation.findMany({
          where: {
            customerId: customer.id,
            kind: "EXTEND_QUOTA",
            status: "SUCCEEDED",
            finishedAt: { gte: dayStart(currentQuotaPeriod(customer.tier.quotaPeriod, now).start) },
          },
          orderBy: { finishedAt: "desc" },
          select: { id: true, input: true, finishedAt: true },
        })
      : Promise.resolve([]),
    pooledQuota(customer.id, now),
  ]);

  const index = new Map(days.map((d, i) => [d, i]));
  const byKey = new Map<string, number[]>();
  for (const row of usageRows) {
    const i = index.get(utcDay(row.date));
    if (i === undefined) continue;
    const values = byKey.get(row.apiKeyId) ?? days.map(() => 0);
    values[i] = (values[i] ?? 0) + (row._sum.used ?? 0);
    byKey.set(row.apiKeyId, values);
  }
  const series: ChartSeries[] = customer.apiKeys
    .filter((k) => byKey.has(k.id))
    .map((k) => ({ id: k.id, label: keyLabel(k), values: byKey.get(k.id) ?? [], dailyQuota: null, keyIds: [k.id] }));
  const total = series.reduce((sum, s) => sum + s.values.reduce((a, b) => a + b, 0), 0);

  return ok({
    id: customer.id,
    name: customer.name,
    company: customer.company,
    status: customer.status,
    createdAt: customer.createdAt,
    deletedAt: customer.deletedAt,
    usageSyncedAt: customer.usageSyncedAt,
    tier: customer.tier,
    users: customer.users.map(({ _count, ...u }) => ({ ...u, liveSessions: _count.sessions })),
    keys: customer.apiKeys.map(({ suspendedAt, ...k }) => ({ ...k, suspended: suspendedAt !== null })),
    usage: { days, series, total },
    pool,
    rights,
    operations: rights.operations ? customer.operations.map(({ input: _input, ...op }) => op) : null,
    tierRequests: rights.tierRequests ? customer.tierRequests.map(({ toTier, ...r }) => ({ ...r, toTier: toTier.name })) : null,
    audit,
    extensions: extensionOps.map((op) => {
      const input = (op.input ?? {}) as { extra?: unknown; reason?: unknown; periodEnd?: unknown };
      return {
        id: op.id,
        extra: typeof input.extra === "number" ? input.extra : 0,
        reason: typeof input.reason === "string" ? input.reason : null,
        periodEnd: typeof input.periodEnd === "string" ? input.periodEnd : "",
        finishedAt: op.finishedAt,
      };
    }),
    tiers,
  });
}

/** Tiers for the list's filter. */
export async function listTierOptions(actor: Actor | null): Promise<Result<{ id: string; name: string }[]>> {
  const allowed = authorize(actor, "customer.list");
  if (!allowed.ok) return allowed;
  return ok(await db.tier.findMany({ orderBy: [{ sortOrder: "asc" }, { name: "asc" }], select: { id: true, name: true } }));
}
