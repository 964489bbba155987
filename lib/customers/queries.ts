import "server-only";
import { db } from "@/lib/db";
import { tierOnShard } from "@/lib/shards/plan-tiers";
import { PROVISIONED_KEY_STATUSES } from "@/lib/keys/key-status";
import { keyListOrder, keyViewSelect, listedKeysWhere, summarizeOwnKeys, toKeyView, usageWindowSelect, type KeyView, type OwnKeyUsage } from "@/lib/keys/queries";
import type { Prisma } from "@/lib/generated/prisma";
import { authorize } from "@/lib/policy/authorize";
import { pooledQuota, pooledQuotas, type PooledQuota } from "@/lib/quota/pooled-usage";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { cleanSearchTerm, likeLiteral } from "@/lib/validation/search";

export interface CustomerRow {
  id: string;
  name: string;
  company: string | null;
  email: string | null;
  /** The customer's (first) user, for actions on the person such as ending their sessions. */
  userId: string | null;
  tierName: string;
  status: string;
  activeKeys: number;
  createdAt: Date;
  /** Requests this quota period across all keys, and the tier's quota (null: none); only when asked for (`usage`). */
  usage?: { used: number; quota: number | null } | null;
}

export interface CustomerPage {
  rows: CustomerRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/**
 * Customers for the staff consoles' list: searched by name, company or user e-mail, newest first, one page at a time.
 * `usage` adds each row's pooled usage of the quota period (lib/quota/pooled-usage.ts; one query per tier on the page).
 */
export async function listCustomers(
  actor: Actor | null,
  {
    query,
    page,
    pageSize = 20,
    tierId,
    status,
    usage = false,
    now = new Date(),
  }: { query?: string; page: number; pageSize?: number; tierId?: string; status?: "active" | "suspended" | "deleted" | "all"; usage?: boolean; now?: Date },
): Promise<Result<CustomerPage>> {
  const allowed = authorize(actor, "customer.list");
  if (!allowed.ok) return allowed;
  const term = cleanSearchTerm(query);
  const q = term ? likeLiteral(term) : "";
  const statusWhere: Prisma.CustomerWhereInput["status"] =
    status === "active" ? "ACTIVE" : status === "suspended" ? "SUSPENDED" : status === "deleted" ? "DELETED" : { not: "DELETED" };
  const where: Prisma.CustomerWhereInput = {
    status: statusWhere,
    ...(tierId ? { tierId } : {}),
    ...(q
      ? {
          OR: [
            { name: { contains: q, mode: "insensitive" } },
            { company: { contains: q, mode: "insensitive" } },
            { users: { some: { email: { contains: q, mode: "insensitive" } } } },
          ],
        }
      : {}),
  };
  const total = await db.customer.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, page), pageCount);
  const customers = await db.customer.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * pageSize,
    take: pageSize,
    select: {
      id: true,
      name: true,
      company: true,
      status: true,
      createdAt: true,
      tier: { select: { name: true } },
      users: { select: { id: true, email: true }, take: 1, orderBy: { createdAt: "asc" } },
      _count: { select: { apiKeys: { where: { status: { in: PROVISIONED_KEY_STATUSES } } } } },
    },
  });
  const pools = usage ? await pooledQuotas(customers.map((c) => c.id), now) : null;
  return ok({
    rows: customers.map((c) => ({
      id: c.id,
      name: c.name,
      company: c.company,
      email: c.users[0]?.email ?? null,
      userId: c.users[0]?.id ?? null,
      tierName: c.tier.name,
      status: c.status,
      activeKeys: c._count.apiKeys,
      createdAt: c.createdAt,
      ...(pools ? { usage: ((p) => (p ? { used: p.used, quota: p.quota } : null))(pools.get(c.id)) } : {}),
    })),
    total,
    page: current,
    pageSize,
    pageCount,
  });
}

export interface OwnAccount {
  customerId: string;
  name: string;
  /** SUSPENDED: an admin suspended the account; its keys are disabled and no key can be created or enabled. */
  status: "ACTIVE" | "SUSPENDED" | "DELETED";
  company: string | null;
  tier: { name: string; rateLimit: number; burstLimit: number; quotaLimit: number | null; quotaPeriod: string | null; maxKeys: number };
}

export interface OwnOverview extends OwnAccount {
  keys: KeyView[];
  /** The keys' cached usage (never AWS while rendering). */
  usage: OwnKeyUsage;
  /** The account's one quota, shared by all its keys (lib/quota/pooled-usage.ts); null if the account is gone. */
  pool: PooledQuota | null;
}

/**
 * The signed-in customer's dashboard: account, tier, keys and the keys' cached usage, read in one query (the
 * dashboard is the most viewed page). The customer id comes from the session, never from input.
 */
export async function getOwnOverview(actor: Actor | null, { now = new Date() }: { now?: Date } = {}): Promise<Result<OwnOverview>> {
  for (const action of ["account.read", "key.list", "usage.read"] as const) {
    const allowed = authorize(actor, action);
    if (!allowed.ok) return allowed;
  }
  const customerId = actor?.customerId ?? "";
  const c = await db.customer.findUnique({
    where: { id: customerId },
    select: {
      id: true,
      name: true,
      company: true,
      status: true,
      usageSyncedAt: true,
      shardId: true,
      tierId: true,
      tier: { select: { name: true, rateLimit: true, burstLimit: true, quotaLimit: true, quotaPeriod: true, maxKeys: true, usagePlanId: true } },
      apiKeys: {
        where: listedKeysWhere(customerId, now.getTime()),
        orderBy: keyListOrder,
        select: { ...keyViewSelect(now.getTime()), usagePlanId: true, usageDays: usageWindowSelect(now) },
      },
    },
  });
  if (!c) return fail("not_found", "Your customer account was not found.");
  const { usagePlanId: _plan, ...tier } = c.tier;
  const pool = await pooledQuota(c.id, now);
  return ok({
    pool,
    customerId: c.id,
    name: c.name,
    status: c.status,
    company: c.company,
    tier,
    keys: c.apiKeys.map(({ usagePlanId: _p, usageDays: _d, ...key }) => toKeyView(key)),
    usage: { syncedAt: c.usageSyncedAt, byKey: summarizeOwnKeys({ tier: await tierOnShard(c.tier, c.tierId, c.shardId), keys: c.apiKeys }, now) },
  });
}
