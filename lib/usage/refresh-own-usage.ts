import "server-only";
import { db } from "@/lib/db";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { REFRESH_COOLDOWN_MS, STALE_AFTER_MS } from "@/lib/usage/refresh-policy";
import { refreshUsage } from "@/lib/usage/sync-usage";

export interface OwnRefresh {
  /** False when the cache was fresh enough and AWS was not asked. */
  refreshed: boolean;
  syncedAt: Date | null;
}

async function ownSyncedAt(actor: Actor | null): Promise<Result<{ customerId: string; syncedAt: Date | null }>> {
  const customerId = actor?.customerId ?? "";
  const allowed = authorize(actor, "usage.read", { customerId });
  if (!allowed.ok) return allowed;
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { usageSyncedAt: true } });
  if (!customer) return fail("not_found", "Your customer account was not found.");
  return ok({ customerId, syncedAt: customer.usageSyncedAt });
}

/** "Refresh now": reads the actor's own usage from AWS, at most once per REFRESH_COOLDOWN_MS. */
export async function refreshOwnUsage(actor: Actor | null): Promise<Result<OwnRefresh>> {
  const own = await ownSyncedAt(actor);
  if (!own.ok) return own;
  const age = own.data.syncedAt ? Date.now() - own.data.syncedAt.getTime() : Infinity;
  if (age < REFRESH_COOLDOWN_MS) {
    return fail("throttled", `Usage was updated ${Math.max(0, Math.round(age / 1000))} s ago. You can refresh again in a few seconds.`);
  }
  const refreshed = await refreshUsage(own.data.customerId);
  if (!refreshed.ok) return refreshed;
  return ok({ refreshed: true, syncedAt: refreshed.data.syncedAt });
}

/**
 * For a page view: refreshes the actor's usage from AWS only when the cache is older than `maxAgeMs` or was never
 * filled. A warm cache costs one database read and no AWS call.
 */
export async function refreshOwnUsageIfStale(actor: Actor | null, maxAgeMs = STALE_AFTER_MS): Promise<Result<OwnRefresh>> {
  const own = await ownSyncedAt(actor);
  if (!own.ok) return own;
  const { syncedAt } = own.data;
  if (syncedAt && Date.now() - syncedAt.getTime() < maxAgeMs) return ok({ refreshed: false, syncedAt });
  const refreshed = await refreshUsage(own.data.customerId);
  if (!refreshed.ok) return refreshed;
  return ok({ refreshed: true, syncedAt: refreshed.data.syncedAt });
}
