// Human wording for usage figures: counts, ages, UTC times and the quota forecast. Pure, usable in client components.

import type { QuotaPeriod as Period } from "@/lib/usage/quota-period";
import { DAY_MS } from "@/lib/usage/utc-days";

export type ForecastView =
  | { kind: "exhausted"; resetsAt: Date }
  | { kind: "runs_out"; at: Date; resetsAt: Date }
  | { kind: "not_before_reset"; resetsAt: Date };

const periodNouns: Record<Period, string> = { DAY: "daily", WEEK: "weekly", MONTH: "monthly" };
const periodLabels: Record<Period, string> = { DAY: "Today", WEEK: "This week", MONTH: "This month" };

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** "85%": rounded down, so 99.9% never reads as 100%; anything at or over the quota reads 100%. */
export function formatPercent(percent: number): string {
  return `${Math.min(100, Math.max(0, Math.floor(percent)))}%`;
}

/** "daily", "weekly", "monthly" (for "its daily quota"). */
export function quotaAdjective(period: Period): string {
  return periodNouns[period];
}

/** "Today", "This week", "This month": the quota period as a heading. */
export function periodHeading(period: Period): string {
  return periodLabels[period];
}

/** "just now", "40 s ago", "3 min ago", "2 h ago", "3 days ago". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 5) return "just now";
  if (s < 60) return `${s} s ago`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} days ago`;
}

/** "5 h 12 min", "12 min", "under a minute", "3 days 4 h". */
export function formatDuration(ms: number): string {
  const min = Math.floor(Math.max(0, ms) / 60_000);
  if (min < 1) return "under a minute";
  const days = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = min % 60;
  if (days > 0) return h > 0 ? `${days} ${days === 1 ? "day" : "days"} ${h} h` : `${days} ${days === 1 ? "day" : "days"}`;
  return h > 0 ? (m > 0 ? `${h} h ${m} min` : `${h} h`) : `${m} min`;
}

const two = (n: number) => String(n).padStart(2, "0");

/** "18:40 UTC". */
export function formatUtcTime(date: Date): string {
  return `${two(date.getUTCHours())}:${two(date.getUTCMinutes())} UTC`;
}

/** "today", "tomorrow", or "on Mon 30 Nov": which UTC day `date` is, seen from `now`. */
export function utcDayPhrase(date: Date, now: Date): string {
  const days = Math.floor(date.getTime() / DAY_MS) - Math.floor(now.getTime() / DAY_MS);
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  return `on ${date.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" })}`;
}

/** "00:00 UTC tomorrow". */
export function formatUtcMoment(date: Date, now: Date): string {
  return `${formatUtcTime(date)} ${utcDayPhrase(date, now)}`;
}

/** "24 Nov" for a YYYY-MM-DD day. */
export function formatShortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
}

/**
 * The forecast as a sentence. The time is rounded down to 5 minutes ("around 18:40 UTC today"). `keyName` names the
 * key when the customer has several (quotas are per key).
 */
export function forecastSentence(forecast: ForecastView, now: Date, keyName?: string): string {
  const subject = keyName ? `key “${keyName}”` : "your key";
  switch (forecast.kind) {
    case "exhausted":
      return `${keyName ? `Key “${keyName}” has` : "You have"} used the whole quota: requests get 429 until it resets at ${formatUtcMoment(forecast.resetsAt, now)}.`;
    case "runs_out": {
      const at = new Date(Math.floor(forecast.at.getTime() / 300_000) * 300_000);
      return keyName
        ? `At the current rate ${subject} will reach its quota around ${formatUtcMoment(at, now)}.`
        : `At the current rate you will reach your quota around ${formatUtcMoment(at, now)}.`;
    }
    case "not_before_reset":
      return keyName
        ? `At the current rate ${subject} is not on track to reach its quota before it resets at ${formatUtcMoment(forecast.resetsAt, now)}.`
        : `You are not on track to reach your quota before it resets at ${formatUtcMoment(forecast.resetsAt, now)}.`;
  }
}
