import "server-only";
import { db } from "@/lib/db";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { evaluateQuotaAlerts } from "@/lib/quota-alerts/evaluate";
import { fail, ok, type Result } from "@/lib/result";
import { REFRESH_COOLDOWN_MS } from "@/lib/usage/refresh-policy";
import { refreshUsage } from "@/lib/usage/sync-usage";
import { errorFields, logger } from "@/lib/observability/log";

export interface OwnRefresh {
  refreshed: true;
  syncedAt: Date | null;
}

async function ownSyncedAt(actor: Actor | null): Promise<Result<{ customerId: string; syncedAt: Date | null }>> {
  const customerId = actor?.customerId ?? "";
  const allowed = authorize(actor, "usage.refresh", { customerId });
  if (!allowed.ok) return allowed;
  const customer = await db.customer.findUnique({ where: { id: customerId }, select: { usageSyncedAt: true } });
  if (!customer) return fail("not_found", "Your customer account was not found.");
  return ok({ customerId, syncedAt: customer.usageSyncedAt });
}

/**
 * "Refresh now" (and the usage page's automatic refresh when its figures are stale): reads the actor's own usage
 * from AWS, at most once per REFRESH_COOLDOWN_MS. Pages never call this while rendering: they only read.
 */
export async function refreshOwnUsage(actor: Actor | null): Promise<Result<OwnRefresh>> {
  const own = await ownSyncedAt(actor);
  if (!own.ok) return own;
  const age = own.data.syncedAt ? Date.now() - own.data.syncedAt.getTime() : Infinity;
  if (age < REFRESH_COOLDOWN_MS) {
    return fail("throttled", `Usage was updated ${Math.max(0, Math.round(age / 1000))} s ago. You can refresh again in a few seconds.`);
  }
  const refreshed = await refreshUsage(own.data.customerId);
  if (!refreshed.ok) return refreshed;
  // New figures may cross an alert threshold: record it and e-mail it now (the worker's minutely run catches the
  // rest). The refresh itself succeeded, so a failure here is logged, not reported to the customer.
  await evaluateQuotaAlerts([own.data.customerId]).catch((error: unknown) => {
    logger("quota-alerts").error(errorFields(error), "evaluation after a refresh failed");
  });
  return ok({ refreshed: true as const, syncedAt: refreshed.data.syncedAt });
}
