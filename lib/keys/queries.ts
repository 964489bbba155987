import "server-only";
import { db, type Prisma } from "@/lib/db";
import { tierOnShard } from "@/lib/shards/plan-tiers";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { LIVE_KEY_STATUSES, PROVISIONED_KEY_STATUSES } from "@/lib/keys/key-status";
import { summarizeKeyUsage, type KeyUsageSummary } from "@/lib/keys/key-usage-summary";
import { isQuotaPeriod } from "@/lib/usage/quota-period";
import { SYNC_DAYS } from "@/lib/usage/refresh-policy";
import { addDays, dayStart, utcDay } from "@/lib/usage/utc-days";

export type KeyStatus = "PENDING" | "ACTIVE" | "DISABLED" | "REVOKED" | "FAILED";

export interface KeyView {
  id: string;
  name: string;
  lastFour: string | null;
  status: KeyStatus;
  failureReason: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  /** When a rotated-out key will be disabled automatically. */
  graceEndsAt: Date | null;
  /** The key this one replaced in a rotation (its lineage: lib/keys/key-lineage.ts). */
  rotatedFromId: string | null;
  /** The kind of change queued or running on this key right now, if any. */
  inProgress: "creating" | "enabling" | "disabling" | "renaming" | "revoking" | "rotating" | null;
}

const progressLabel = {
  CREATE_KEY: "creating",
  RENAME_KEY: "renaming",
  REVOKE_KEY: "revoking",
  ROTATE_KEY: "rotating",
} as const;

/** Which of a customer's keys the portal lists: live ones, plus failed and revoked ones from the last 30 days. */
export function listedKeysWhere(customerId: string, now = Date.now()) {
  const monthAgo = new Date(now - 30 * 24 * 3600 * 1000);
  return {
    customerId,
    OR: [{ status: { in: LIVE_KEY_STATUSES } }, { status: { in: ["FAILED", "REVOKED"] }, updatedAt: { gte: monthAgo } }],
  } satisfies Prisma.ApiKeyWhereInput;
}

/** The columns a KeyView is made from, with the change queued or running on the key (if any). */
export function keyViewSelect(now = Date.now()) {
  const soon = new Date(now + 60_000);
  return {
    id: true,
    name: true,
    lastFour: true,
    status: true,
    failureReason: true,
    createdAt: true,
    revokedAt: true,
    graceEndsAt: true,
    rotatedFromId: true,
    operations: {
      where: { status: { in: ["QUEUED", "RUNNING"] }, runAfter: { lte: soon } },
      select: { kind: true, input: true },
      take: 1,
      orderBy: { createdAt: "asc" },
    },
  } satisfies Prisma.ApiKeySelect;
}

export const keyListOrder = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.ApiKeyOrderByWithRelationInput[];

type KeyRecord = Prisma.ApiKeyGetPayload<{ select: ReturnType<typeof keyViewSelect> }>;

/** A key record as the dashboard shows it, with the kind of change in progress named. */
export function toKeyView({ operations, ...key }: KeyRecord): KeyView {
  const op = operations[0];
  let inProgress: KeyView["inProgress"] = null;
  if (key.status === "PENDING") inProgress = "creating";
  else if (op?.kind === "SET_KEY_ENABLED") {
    const enabled = typeof op.input === "object" && op.input !== null && !Array.isArray(op.input) && op.input.enabled === true;
    inProgress = enabled ? "enabling" : "disabling";
  } else if (op && op.kind in progressLabel) inProgress = progressLabel[op.kind as keyof typeof progressLabel];
  return { ...key, inProgress };
}

/** The actor's own keys: live ones, plus failed and revoked ones from the last 30 days as a record. */
export async function listOwnKeys(actor: Actor | null): Promise<Result<KeyView[]>> {
  const allowed = authorize(actor, "key.list");
  if (!allowed.ok) return allowed;
  const keys = await db.apiKey.findMany({
    where: listedKeysWhere(actor?.customerId ?? ""),
    orderBy: keyListOrder,
    select: keyViewSelect(),
  });
  return ok(keys.map(toKeyView));
}

export interface OwnKeyUsage {
  /** When the cached figures were last read from AWS; null if never. */
  syncedAt: Date | null;
  /** Per provisioned (ACTIVE or DISABLED) key id. */
  byKey: Record<string, KeyUsageSummary>;
}

/** The cached UsageDay rows a key's usage summary reads: the longest quota period (a month) up to today. */
export function usageWindowSelect(now: Date) {
  const today = utcDay(now);
  // A month-long quota period can start SYNC_DAYS − 1 days before today.
  const from = dayStart(addDays(today, -(SYNC_DAYS - 1)));
  return {
    where: { date: { gte: from, lte: dayStart(today) } },
    select: { date: true, usagePlanId: true, used: true, remaining: true },
  } satisfies Prisma.UsageDayFindManyArgs;
}

interface UsageSource {
  tier: { usagePlanId: string; quotaLimit: number | null; quotaPeriod: string | null };
  keys: { id: string; status: string; usagePlanId: string; usageDays: { date: Date; usagePlanId: string; used: number; remaining: number | null }[] }[];
}

/** Per provisioned key, its usage summary from the cached rows loaded with usageWindowSelect. */
export function summarizeOwnKeys({ tier, keys }: UsageSource, now: Date): Record<string, KeyUsageSummary> {
  const quotaTier = { ...tier, quotaPeriod: isQuotaPeriod(tier.quotaPeriod) ? tier.quotaPeriod : null };
  const provisioned = new Set<string>(PROVISIONED_KEY_STATUSES);
  const byKey: Record<string, KeyUsageSummary> = {};
  for (const key of keys) {
    if (!provisioned.has(key.status)) continue;
    const days = key.usageDays.map((d) => ({ ...d, date: utcDay(d.date) }));
    byKey[key.id] = summarizeKeyUsage({ days, usagePlanId: key.usagePlanId, tier: quotaTier, now });
  }
  return byKey;
}

/**
 * Usage of the actor's own keys (today, last use, quota reached), in one query, from the cached UsageDay rows only:
 * it never calls AWS (the worker and the usage page's refresh fill the cache). The Keys page reads the same figures
 * together with its keys (getOwnOverview with usage).
 */
export async function getOwnKeyUsage(actor: Actor | null, { now = new Date() }: { now?: Date } = {}): Promise<Result<OwnKeyUsage>> {
  const customerId = actor?.customerId ?? "";
  const allowed = authorize(actor, "usage.read", { customerId });
  if (!allowed.ok) return allowed;
  const customer = await db.customer.findUnique({
    where: { id: customerId },
    select: {
      usageSyncedAt: true,
      shardId: true,
      tierId: true,
      tier: { select: { usagePlanId: true, quotaLimit: true, quotaPeriod: true } },
      apiKeys: {
        where: { status: { in: PROVISIONED_KEY_STATUSES } },
        select: { id: true, status: true, usagePlanId: true, usageDays: usageWindowSelect(now) },
      },
    },
  });
  if (!customer) return fail("not_found", "Your customer account was not found.");
  const tier = await tierOnShard(customer.tier, customer.tierId, customer.shardId);
  return ok({ syncedAt: customer.usageSyncedAt, byKey: summarizeOwnKeys({ tier, keys: customer.apiKeys }, now) });
}
