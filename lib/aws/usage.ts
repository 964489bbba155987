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

/**
 * GetUsage for one usage plan (optionally one key) over `startDate`..`endDate` (inclusive, YYYY-MM-DD, UTC), paged
 * through `position`. AWS answers one `[used, remaining]` pair per day from `startDate`; entries that are not such a
 * pair are skipped, so a malformed answer never turns into made-up numbers.
 */
export async function getUsage(
  usagePlanId: string,
  {
    startDate,
    endDate,
    keyId,
    beforePage,
  }: { startDate: string; endDate: string; keyId?: string; /** Awaited before each page's call (a caller's own pacing). */ beforePage?: () => Promise<void> },
): Promise<Map<string, UsageDayReport[]>> {
  const firstDay = Date.parse(`${startDate}T00:00:00Z`);
  if (Number.isNaN(firstDay)) throw new Error(`getUsage: startDate must be YYYY-MM-DD, got ${startDate}`);
  const byKey = new Map<string, UsageDayReport[]>();
  let position: string | undefined;
  do {
    await beforePage?.();
    const page = await apiGatewayClient().send(new GetUsageCommand({ usagePlanId, startDate, endDate, keyId, limit: PAGE_SIZE, position }));
    for (const [id, pairs] of Object.entries(page.items ?? {})) {
      const days = byKey.get(id) ?? [];
      pairs.forEach((pair, index) => {
        const [used, remaining] = pair;
        if (pair.length !== 2 || typeof used !== "number" || typeof remaining !== "number") return;
        if (!Number.isFinite(used) || !Number.isFinite(remaining)) return;
        days.push({ date: addDays(startDate, index), used, remaining });
      });
      byKey.set(id, days);
    }
    position = page.position;
  } while (position);
  return byKey;
}
