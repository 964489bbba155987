import "server-only";
import { PROVISIONED_KEY_STATUSES } from "@/lib/keys/key-status";
import { toAppError } from "@/lib/aws/errors";
import { withCustomerShard } from "@/lib/shards/customer-shard";
import { tiersForPlans } from "@/lib/shards/plan-tiers";
import { getUsage, type UsageDayReport } from "@/lib/aws/usage";
import { db } from "@/lib/db";
import { fail, ok, type Result } from "@/lib/result";
import { upsertUsageDays, type UsageDayRow } from "@/lib/usage/store-usage-days";
import { SYNC_DAYS } from "@/lib/usage/refresh-policy";
import { addDays, utcDay } from "@/lib/usage/utc-days";

export interface UsageRefresh {
  customerId: string;
  /** When the figures were read from AWS (the start of the refresh). */
  syncedAt: Date;
  keys: number;
  /** GetUsage calls made. */
  awsCalls: number;
  /** Keys AWS no longer knows in their usage plan (NotFound): left as cached, for reconciliation to sort out. */
  skippedKeyIds: string[];
}

interface RowToStore {
  apiKeyId: string;
  usagePlanId: string;
  day: UsageDayReport;
  hasQuota: boolean;
}

// One refresh per customer at a time in this process: a second caller joins the one running.
const inFlight = new Map<string, Promise<Result<UsageRefresh>>>();

/**
 * Reads the last 31 days of usage of the customer's ACTIVE and DISABLED keys from GetUsage (one call per key, in its
 * usage plan, one after another) and stores them as UsageDay rows, with Customer.usageSyncedAt, in one transaction.
 * If any call fails nothing is written, so the cached figures stay as they were. For the system (jobs) and for
 * services that have already authorized the actor: it takes a customer id, not an actor.
 */
export function refreshUsage(customerId: string): Promise<Result<UsageRefresh>> {
  const running = inFlight.get(customerId);
  if (running) return running;
  const refresh = withCustomerShard(customerId, () => refreshNow(customerId)).finally(() => inFlight.delete(customerId));
  inFlight.set(customerId, refresh);
  return refresh;
}

async function refreshNow(customerId: string): Promise<Result<UsageRefresh>> {
  const customer = await db.customer.findUnique({
    where: { id: customerId },
    select: {
      status: true,
      apiKeys: {
        where: { status: { in: PROVISIONED_KEY_STATUSES }, awsKeyId: { not: null } },
        select: { id: true, awsKeyId: true, usagePlanId: true },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!customer || customer.status === "DELETED") return fail("not_found", "That customer does not exist.");

  const plans = [...new Set(customer.apiKeys.map((k) => k.usagePlanId))];
  const tiers = await tiersForPlans(plans);
  const planHasQuota = new Map(tiers.map((t) => [t.usagePlanId, t.quotaLimit !== null]));

  const syncedAt = new Date();
  const endDate = utcDay(syncedAt);
  const startDate = addDays(endDate, -(SYNC_DAYS - 1));
  const rows: RowToStore[] = [];
  const skippedKeyIds: string[] = [];
  let awsCalls = 0;
  for (const key of customer.apiKeys) {
    if (!key.awsKeyId) continue;
    try {
      awsCalls += 1;
      const usage = await getUsage(key.usagePlanId, { startDate, endDate, keyId: key.awsKeyId });
      for (const day of usage.get(key.awsKeyId) ?? []) {
        rows.push({ apiKeyId: key.id, usagePlanId: key.usagePlanId, day, hasQuota: planHasQuota.get(key.usagePlanId) ?? true });
      }
    } catch (error) {
      // One key gone from AWS must not hide the others' usage; anything else (throttling, outage) stops the refresh.
      if (error instanceof Error && error.name === "NotFoundException") {
        skippedKeyIds.push(key.id);
        continue;
      }
      return { ok: false, error: toAppError(error, "Updating your usage from AWS") };
    }
  }

  await db.$transaction(async (tx) => {
    if (rows.length > 0) await tx.$executeRaw(upsertUsageDays(rows.map(toUsageDayRow), syncedAt));
    await tx.customer.update({ where: { id: customerId }, data: { usageSyncedAt: syncedAt } });
  });
  return ok({ customerId, syncedAt, keys: customer.apiKeys.length, awsCalls, skippedKeyIds });
}

function toUsageDayRow(r: RowToStore): UsageDayRow {
  return { apiKeyId: r.apiKeyId, usagePlanId: r.usagePlanId, date: r.day.date, used: r.day.used, remaining: r.hasQuota ? r.day.remaining : null };
}

export interface StaleRefreshSummary {
  refreshed: number;
  failed: { customerId: string; message: string }[];
}

/**
 * For the periodic job: refreshes up to `limit` customers whose cached usage is older than `olderThanMs` (or was
 * never read), oldest first. Customers go one after another and the job paces itself to `callsPerSecond` GetUsage
 * calls (default 5, half of the account's 10 requests/s for all API Gateway management calls), so portal users'
 * own calls keep room next to it.
 */
export async function refreshStaleUsage({
  olderThanMs,
  limit,
  callsPerSecond = 5,
}: {
  olderThanMs: number;
  limit: number;
  callsPerSecond?: number;
}): Promise<StaleRefreshSummary> {
  const cutoff = new Date(Date.now() - olderThanMs);
  const customers = await db.customer.findMany({
    where: {
      status: { not: "DELETED" },
      apiKeys: { some: { status: { in: PROVISIONED_KEY_STATUSES }, awsKeyId: { not: null } } },
      OR: [{ usageSyncedAt: null }, { usageSyncedAt: { lt: cutoff } }],
    },
    orderBy: [{ usageSyncedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    take: limit,
    select: { id: true },
  });
  const summary: StaleRefreshSummary = { refreshed: 0, failed: [] };
  for (const { id } of customers) {
    const started = Date.now();
    let calls = 1;
    try {
      const result = await refreshUsage(id);
      if (result.ok) {
        summary.refreshed += 1;
        calls = result.data.awsCalls;
      } else summary.failed.push({ customerId: id, message: result.error.message });
    } catch (error) {
      // A bug or a database failure for one customer: note it and go on with the next.
      summary.failed.push({ customerId: id, message: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : "unknown error" });
    }
    const wait = started + (calls * 1000) / callsPerSecond - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return summary;
}
