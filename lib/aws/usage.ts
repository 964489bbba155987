import "server-only";
import { GetUsageCommand } from "@aws-sdk/client-api-gateway";
import { apiGatewayClient } from "@/lib/aws/clients";
import { addDays } from "@/lib/usage/utc-days";

/** One day of one key's usage as GetUsage reports it. */
export interface UsageDayReport {
  /** UTC day, YYYY-MM-DD. */
  date: string;
  used: number;
  /** Quota left at the end of the day (AWS reports 0 for plans without a quota). */
  remaining: number;
}

const PAGE_SIZE = 500;
/** AWS answers at most this many days (startDate..endDate inclusive) in one GetUsage call. */
export const MAX_USAGE_RANGE_DAYS = 90;

export interface UsagePage {
  byKey: Map<string, UsageDayReport[]>;
  /** Where the next page starts; undefined on the last page. */
  position?: string;
}

/**
 * One GetUsage page (up to 500 keys) of one usage plan over `startDate`..`endDate` (inclusive, YYYY-MM-DD, UTC, at
 * most 90 days). AWS answers one `[used, remaining]` pair per day from `startDate`; entries that are not such a pair
 * are skipped, so a malformed answer never turns into made-up numbers.
 */
export async function getUsagePage(
  usagePlanId: string,
  { startDate, endDate, keyId, position }: { startDate: string; endDate: string; keyId?: string; position?: string },
): Promise<UsagePage> {
  const firstDay = Date.parse(`${startDate}T00:00:00Z`);
  if (Number.isNaN(firstDay)) throw new Error(`getUsage: startDate must be YYYY-MM-DD, got ${startDate}`);
  const page = await apiGatewayClient().send(new GetUsageCommand({ usagePlanId, startDate, endDate, keyId, limit: PAGE_SIZE, position }));
  const byKey = new Map<string, UsageDayReport[]>();
  for (const [id, pairs] of Object.entries(page.items ?? {})) {
    const days: UsageDayReport[] = [];
    pairs.forEach((pair, index) => {
      const [used, remaining] = pair;
      if (pair.length !== 2 || typeof used !== "number" || typeof remaining !== "number") return;
      if (!Number.isFinite(used) || !Number.isFinite(remaining)) return;
      days.push({ date: addDays(startDate, index), used, remaining });
    });
    byKey.set(id, days);
  }
  return { byKey, position: page.position || undefined };
}

/** GetUsage for one usage plan (optionally one key) over `startDate`..`endDate`, every page (see getUsagePage). */
export async function getUsage(
  usagePlanId: string,
  {
    startDate,
    endDate,
    keyId,
    beforePage,
  }: { startDate: string; endDate: string; keyId?: string; /** Awaited before each page's call (a caller's own pacing). */ beforePage?: () => Promise<void> },
): Promise<Map<string, UsageDayReport[]>> {
  const byKey = new Map<string, UsageDayReport[]>();
  let position: string | undefined;
  do {
    await beforePage?.();
    const page = await getUsagePage(usagePlanId, { startDate, endDate, keyId, position });
    for (const [id, days] of page.byKey) byKey.set(id, [...(byKey.get(id) ?? []), ...days]);
    position = page.position;
  } while (position);
  return byKey;
}
