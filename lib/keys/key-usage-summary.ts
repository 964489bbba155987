// What the Keys page says about one key's usage, from the cached GetUsage days (UsageDay rows): requests today, the
// last day it was used, and whether it has used its whole quota (then AWS answers every call with 429 until the
// quota resets). The quota arithmetic is the usage page's (periodUsed, quotaPeriodAt). Pure.
import { latestRemaining, periodUsed } from "@/lib/usage/period-usage";
import { quotaPeriodAt, type QuotaPeriod } from "@/lib/usage/quota-period";
import { addDays, utcDay } from "@/lib/usage/utc-days";

/** Days looked back for the last use ("No use in 30 days"). */
export const LAST_USE_DAYS = 30;

export interface CachedUsageDay {
  /** UTC day, YYYY-MM-DD. */
  date: string;
  usagePlanId: string;
  used: number;
  remaining: number | null;
}

export interface KeyQuota {
  limit: number;
  period: QuotaPeriod;
  /** Requests counted against the quota this period, as AWS counts them. */
  used: number;
  /** used / limit × 100, not capped. */
  percentUsed: number;
  /** When the quota resets (the next period starts). */
  resetsAt: Date;
  /** Every call gets 429 until `resetsAt`. */
  reached: boolean;
}

export interface KeyUsageSummary {
  /** Requests today (UTC), in every plan the key was in today. */
  today: number;
  /** The latest UTC day with requests in the last LAST_USE_DAYS days; null if none. */
  lastUsedDay: string | null;
  /** Null without a quota, or while the key is in another plan than its tier's (moving between tiers). */
  quota: KeyQuota | null;
}

export interface KeyUsageInput {
  days: readonly CachedUsageDay[];
  /** The usage plan the key is in now. */
  usagePlanId: string;
  /** The customer's tier: its plan and quota. */
  tier: { usagePlanId: string; quotaLimit: number | null; quotaPeriod: QuotaPeriod | null };
  now: Date;
}

export function summarizeKeyUsage({ days, usagePlanId, tier, now }: KeyUsageInput): KeyUsageSummary {
  const today = utcDay(now);
  const firstDay = addDays(today, -(LAST_USE_DAYS - 1));
  const usedToday = days.filter((d) => d.date === today).reduce((sum, d) => sum + d.used, 0);
  const lastUsedDay = days.filter((d) => d.used > 0 && d.date >= firstDay && d.date <= today).reduce<string | null>((last, d) => (last === null || d.date > last ? d.date : last), null);

  let quota: KeyQuota | null = null;
  if (tier.quotaLimit !== null && tier.quotaPeriod !== null && usagePlanId === tier.usagePlanId) {
    const window = quotaPeriodAt(tier.quotaPeriod, now);
    const inPlan = days.filter((d) => d.usagePlanId === usagePlanId);
    const used = periodUsed(inPlan, tier.quotaLimit, utcDay(window.start), today);
    const percentUsed = tier.quotaLimit > 0 ? (used * 100) / tier.quotaLimit : 100;
    // Reached: the key's share of the customer's pooled quota is spent (AWS answers 429), or it used the whole quota.
    const share = latestRemaining(inPlan, utcDay(window.start), today);
    quota = { limit: tier.quotaLimit, period: tier.quotaPeriod, used, percentUsed, resetsAt: window.end, reached: percentUsed >= 100 || share === 0 };
  }
  return { today: usedToday, lastUsedDay, quota };
}

/**
 * The last use, said honestly: the portal knows requests per UTC day (GetUsage), not the time of the last call.
 * "Last used today", "Last used yesterday", "Last used 3 days ago", "Not used yet" (a key newer than the window),
 * "No use in 30 days"; "No usage figures yet" before usage was ever read from AWS.
 */
export function lastUseLabel(summary: Pick<KeyUsageSummary, "lastUsedDay"> | null, { now, createdAt, synced }: { now: Date; createdAt: Date; synced: boolean }): string {
  if (!synced || summary === null) return "No usage figures yet";
  const today = utcDay(now);
  if (summary.lastUsedDay === null) return utcDay(createdAt) > addDays(today, -LAST_USE_DAYS) ? "Not used yet" : `No use in ${LAST_USE_DAYS} days`;
  const days = Math.round((Date.parse(today) - Date.parse(summary.lastUsedDay)) / 86_400_000);
  if (days <= 0) return "Last used today";
  if (days === 1) return "Last used yesterday";
  return `Last used ${days} days ago`;
}
