// The usage overview, assembled from cached UsageDay rows: per key and in total. Pure (queries.ts feeds it).
import { forecastQuota, type QuotaForecast } from "@/lib/usage/forecast";
import { latestRemaining, periodUsed, type StoredUsageDay } from "@/lib/usage/period-usage";
import { quotaPeriodAt, type QuotaPeriod } from "@/lib/usage/quota-period";
import { addShares, quotaCountsFrom, sharesOnDay, type PlanShare, type TierMove } from "@/lib/usage/tier-moves";
import { addDays, dayStart, daysEndingWith, utcDay } from "@/lib/usage/utc-days";

/** Days in the daily chart. */
export const CHART_DAYS = 30;

export interface TierLimits {
  rateLimit: number;
  burstLimit: number;
  quotaLimit: number | null;
  quotaPeriod: QuotaPeriod | null;
}

export interface QuotaFigures {
  /** Requests counted against the quota this period (null without a quota). */
  periodUsed: number | null;
  quota: number | null;
  /** Never below zero. */
  remaining: number | null;
  /** periodUsed / quota × 100, not capped (null without a quota). */
  percentUsed: number | null;
}

export type KeyUsageStatus = "ACTIVE" | "DISABLED" | "REVOKED";

export interface KeyUsage extends QuotaFigures {
  id: string;
  name: string;
  lastFour: string | null;
  status: KeyUsageStatus;
  /** The key this one replaced by rotation (its lineage), if any. */
  rotatedFromId: string | null;
  /** Requests today (UTC), on every plan the key was in today. */
  today: number;
  /** Today's requests per plan: plans the key left today first, its current plan last. Adds up to `today`. */
  todayByTier: PlanShare[];
  /** The tier move its quota counts from (a moved key starts with the new plan's full quota), if in this period. */
  quotaSince: TierMove | null;
  /** Requests on each of `UsageOverview.days`. */
  daily: number[];
  last30Days: number;
  period: QuotaPeriod | null;
  resetsAt: Date | null;
  rateLimit: number;
  burstLimit: number;
  forecast: QuotaForecast | null;
}

export interface UsageTotal extends QuotaFigures {
  today: number;
  /** Today's requests of all keys per plan; adds up to `today`. */
  todayByTier: PlanShare[];
  daily: number[];
  last30Days: number;
}

export interface UsageOverview {
  now: Date;
  /**
   * The account's one quota for the period, shared by all its keys (lib/quota/pooled-usage.ts: every key, rotated,
   * moved or revoked, counts). Set by the query; absent in the pure builder.
   */
  pool?: { quota: number | null; granted: number; used: number; remaining: number | null; resetsAt: Date | null } | null;
  /** When the figures were last read from AWS; null if never. */
  syncedAt: Date | null;
  tier: TierLimits & { name: string };
  /** The customer tier's current quota period (null without a quota). */
  period: { period: QuotaPeriod; start: Date; resetsAt: Date } | null;
  /** The chart's days, oldest first, ending today (UTC). */
  days: string[];
  /** Live keys (ACTIVE, DISABLED) first, then revoked keys that were used in the chart's days. */
  keys: KeyUsage[];
  /**
   * All keys together. Quotas apply to each key separately: the total's quota is the sum of the live keys' quotas
   * and its period figures cover live keys only; today and the daily figures include revoked keys.
   */
  total: UsageTotal;
  /** The ACTIVE key nearest its quota (highest percent used), which the summary and banners are about. */
  limitingKeyId: string | null;
  /** The forecast to headline: a used-up key first, else the key that runs out soonest, else the limiting key's. */
  forecast: { keyId: string; keyName: string; forecast: QuotaForecast } | null;
  /** The latest tier move that splits today's or this period's figures (the page explains it), if any. */
  tierMove: TierMove | null;
}

export interface OverviewKeyInput {
  id: string;
  name: string;
  lastFour: string | null;
  status: KeyUsageStatus;
  createdAt: Date;
  rotatedFromId?: string | null;
  /** The usage plan the key is in now (normally the customer's tier's), and its limits. */
  usagePlanId: string;
  limits: TierLimits;
}

/** A cached GetUsage day of one key in one usage plan (a key moved between plans has a row per plan that day). */
export interface OverviewUsageDay extends StoredUsageDay {
  apiKeyId: string;
  usagePlanId: string;
}

export interface OverviewInput {
  now: Date;
  syncedAt: Date | null;
  tier: TierLimits & { name: string };
  keys: OverviewKeyInput[];
  days: OverviewUsageDay[];
  /** The tier of each usage plan the days mention (a plan without a tier reads "a previous plan"). */
  plans?: { usagePlanId: string; tier: string }[];
  /** The customer's finished tier moves in the chart's days, oldest first. */
  moves?: TierMove[];
}

interface MoveContext {
  tierOf: (usagePlanId: string) => string;
  moves: readonly TierMove[];
}

const sum = (values: readonly number[]) => values.reduce((total, n) => total + n, 0);

/**
 * Requests are counted per usage plan: a key moved to another plan mid-day has that day's requests split between the
 * two. The daily figures add them up; the quota figures count the current plan only, as AWS enforces it.
 */
function keyUsage(key: OverviewKeyInput, stored: OverviewUsageDay[], days: string[], now: Date, ctx: MoveContext): KeyUsage {
  const today = utcDay(now);
  const usedOn = new Map<string, number>();
  for (const d of stored) usedOn.set(d.date, (usedOn.get(d.date) ?? 0) + d.used);
  const daily = days.map((day) => usedOn.get(day) ?? 0);
  const usedToday = usedOn.get(today) ?? 0;
  const base = {
    id: key.id,
    name: key.name,
    lastFour: key.lastFour,
    status: key.status,
    rotatedFromId: key.rotatedFromId ?? null,
    today: usedToday,
    todayByTier: sharesOnDay(stored, today, key.usagePlanId, ctx.tierOf, ctx.moves),
    daily,
    last30Days: sum(daily),
    rateLimit: key.limits.rateLimit,
    burstLimit: key.limits.burstLimit,
  };
  const { quotaLimit: quota, quotaPeriod } = key.limits;
  if (key.status === "REVOKED" || quota === null || quotaPeriod === null) {
    const sinceToday = key.status === "REVOKED" ? null : quotaCountsFrom(ctx.moves, key.usagePlanId, dayStart(today), key.createdAt);
    return { ...base, quotaSince: sinceToday, period: null, resetsAt: null, periodUsed: null, quota: null, remaining: null, percentUsed: null, forecast: null };
  }
  const window = quotaPeriodAt(quotaPeriod, now);
  const inPlan = stored.filter((d) => d.usagePlanId === key.usagePlanId);
  const used = periodUsed(inPlan, quota, utcDay(window.start), today);
  // The key's share of the customer's pooled remainder, as AWS enforces it (lib/quota).
  const share = latestRemaining(inPlan, utcDay(window.start), today);
  const firstDay = utcDay(key.createdAt);
  const recentDays: number[] = [];
  for (let day = addDays(today, -7); day < today; day = addDays(day, 1)) if (day >= firstDay) recentDays.push(usedOn.get(day) ?? 0);
  return {
    ...base,
    quotaSince: quotaCountsFrom(ctx.moves, key.usagePlanId, window.start, key.createdAt),
    period: quotaPeriod,
    resetsAt: window.end,
    periodUsed: used,
    quota,
    remaining: Math.max(0, share ?? quota - used),
    percentUsed: quota > 0 ? (used * 100) / quota : 100,
    forecast: forecastQuota({ quota, period: quotaPeriod, periodUsed: used, usedToday, recentDays, now }),
  };
}

const runsOutAt = (k: KeyUsage) => (k.forecast?.kind === "runs_out" ? k.forecast.at.getTime() : Infinity);

export function buildUsageOverview(input: OverviewInput): UsageOverview {
  const { now } = input;
  const days = daysEndingWith(utcDay(now), CHART_DAYS);
  const storedByKey = new Map<string, OverviewUsageDay[]>();
  for (const d of input.days) {
    const list = storedByKey.get(d.apiKeyId) ?? [];
    list.push(d);
    storedByKey.set(d.apiKeyId, list);
  }

  const firstChartDay = days[0] ?? utcDay(now);
  const live = input.keys.filter((k) => k.status !== "REVOKED");
  const revokedWithUsage = input.keys.filter(
    (k) => k.status === "REVOKED" && (storedByKey.get(k.id) ?? []).some((d) => d.used > 0 && d.date >= firstChartDay),
  );
  const tierByPlan = new Map((input.plans ?? []).map((p) => [p.usagePlanId, p.tier]));
  const moves = [...(input.moves ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const m of moves) {
    if (!tierByPlan.has(m.fromPlanId)) tierByPlan.set(m.fromPlanId, m.fromTier);
    if (!tierByPlan.has(m.toPlanId)) tierByPlan.set(m.toPlanId, m.toTier);
  }
  const ctx: MoveContext = { tierOf: (planId) => tierByPlan.get(planId) ?? "a previous plan", moves };
  const keys = [...live, ...revokedWithUsage].map((k) => keyUsage(k, storedByKey.get(k.id) ?? [], days, now, ctx));

  const withQuota = keys.filter((k) => k.quota !== null);
  const quota = withQuota.length > 0 ? sum(withQuota.map((k) => k.quota ?? 0)) : null;
  const used = withQuota.length > 0 ? sum(withQuota.map((k) => k.periodUsed ?? 0)) : null;
  const total: UsageTotal = {
    today: sum(keys.map((k) => k.today)),
    todayByTier: addShares(keys.map((k) => k.todayByTier)),
    daily: days.map((_, i) => sum(keys.map((k) => k.daily[i] ?? 0))),
    last30Days: sum(keys.map((k) => k.last30Days)),
    periodUsed: used,
    quota,
    remaining: withQuota.length > 0 ? sum(withQuota.map((k) => k.remaining ?? 0)) : null,
    percentUsed: quota !== null && used !== null ? (quota > 0 ? (used * 100) / quota : 100) : null,
  };

  const limiting = keys
    .filter((k) => k.status === "ACTIVE" && k.percentUsed !== null)
    .reduce<KeyUsage | null>((top, k) => (top === null || (k.percentUsed ?? 0) > (top.percentUsed ?? 0) ? k : top), null);

  const active = keys.filter((k) => k.status === "ACTIVE");
  const soonest =
    active.find((k) => k.forecast?.kind === "exhausted") ??
    active
      .filter((k) => k.forecast?.kind === "runs_out")
      .reduce<KeyUsage | null>((first, k) => (first === null || runsOutAt(k) < runsOutAt(first) ? k : first), null) ??
    limiting;
  const { quotaLimit, quotaPeriod } = input.tier;
  const window = quotaLimit !== null && quotaPeriod !== null ? quotaPeriodAt(quotaPeriod, now) : null;
  // The move to explain: one that a key's quota counts from, else one that split today's requests.
  const splitToday = total.todayByTier.some((s) => !s.current);
  const startOfToday = dayStart(utcDay(now));
  const tierMove =
    keys.map((k) => k.quotaSince).reduce<TierMove | null>((last, m) => (m !== null && (last === null || m.at > last.at) ? m : last), null) ??
    (splitToday ? (moves.filter((m) => m.at >= startOfToday).at(-1) ?? null) : null);
  return {
    now,
    syncedAt: input.syncedAt,
    tier: input.tier,
    period: window ? { period: window.period, start: window.start, resetsAt: window.end } : null,
    days,
    keys,
    total,
    limitingKeyId: limiting?.id ?? null,
    forecast: soonest?.forecast ? { keyId: soonest.id, keyName: soonest.name, forecast: soonest.forecast } : null,
    tierMove,
  };
}
