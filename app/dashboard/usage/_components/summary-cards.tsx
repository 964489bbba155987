import { QuotaBar } from "./quota-bar";
import { StatCard } from "./stat-card";
import { quotaSinceSentence, todaySplit } from "@/lib/format/tier-move";
import { formatCount, formatDuration, formatPercent, formatUtcTime, periodHeading, quotaAdjective, utcDayPhrase } from "@/lib/format/usage";
import type { KeyUsage, UsageOverview } from "@/lib/usage/overview";

type QuotaKey = KeyUsage & { quota: number; period: NonNullable<KeyUsage["period"]>; percentUsed: number; resetsAt: Date };

const hasQuota = (k: KeyUsage | null): k is QuotaKey => k !== null && k.quota !== null && k.period !== null && k.percentUsed !== null && k.resetsAt !== null;

/**
 * This period against the account's one quota (shared by all its keys: lib/quota/pooled-usage.ts), today, remaining,
 * reset time and throttle. Without a quota: the last 30 days instead of the quota cards.
 */
export function SummaryCards({ overview }: { overview: UsageOverview }) {
  const { total, now, tier } = overview;
  const live = overview.keys.filter((k) => k.status !== "REVOKED");
  const several = live.length > 1;
  const limiting = overview.keys.find((k) => k.id === overview.limitingKeyId) ?? null;
  const split = todaySplit(total.todayByTier, overview.tierMove);
  const today = (
    <StatCard label="Requests today" value={formatCount(total.today)} testId="usage-today">
      <p>{several ? `All ${live.length} keys, since 00:00 UTC` : "Since 00:00 UTC"}</p>
      {split ? (
        <p className="text-xs" data-testid="usage-today-split">
          {split}
        </p>
      ) : null}
    </StatCard>
  );
  const throttle = (
    <StatCard label="Throttle" value={`${formatCount(tier.rateLimit)} req/s`} testId="usage-throttle">
      <p>bursts of {formatCount(tier.burstLimit)}, per key</p>
    </StatCard>
  );

  const pool = overview.pool;
  if (pool && pool.quota !== null && pool.remaining !== null && pool.resetsAt && overview.period) {
    const percent = pool.quota > 0 ? (pool.used * 100) / pool.quota : 100;
    return (
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        <StatCard
          label={`${periodHeading(overview.period.period)} against the quota`}
          value={
            <>
              {formatCount(pool.used)} <span className="text-base font-normal text-muted-foreground">/ {formatCount(pool.quota)}</span>
            </>
          }
          className="col-span-2 lg:col-span-1"
          testId="usage-period"
        >
          <QuotaBar used={pool.used} quota={pool.quota} percent={percent} label="Quota used by all your keys" />
          <p data-testid="usage-pooled-quota">
            {formatCount(pool.used)} of {formatCount(pool.quota)} requests used this period across all your keys; resets{" "}
            {utcDayPhrase(pool.resetsAt, now)} at {formatUtcTime(pool.resetsAt)}
          </p>
          {pool.granted > 0 ? <p className="text-xs">Includes {formatCount(pool.granted)} extra requests granted for this period</p> : null}
        </StatCard>
        {today}
        <StatCard label="Remaining" value={formatCount(pool.remaining)} testId="usage-remaining">
          <p>requests before HTTP 429, for all your keys together</p>
        </StatCard>
        <StatCard label="Quota resets" value={formatUtcTime(pool.resetsAt)} testId="usage-resets">
          <p>
            {utcDayPhrase(pool.resetsAt, now)}, in {formatDuration(pool.resetsAt.getTime() - now.getTime())}
          </p>
        </StatCard>
        {throttle}
      </div>
    );
  }

  if (!hasQuota(limiting)) {
    return (
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        <StatCard label="Last 30 days" value={formatCount(total.last30Days)} className="col-span-2 lg:col-span-3" testId="usage-30-days">
          <p>{tier.quotaLimit === null ? `The ${tier.name} tier has no quota: only the throttle limits apply.` : "No active key to measure against the quota yet."}</p>
        </StatCard>
        {today}
        {throttle}
      </div>
    );
  }

  const k = limiting;
  const used = k.periodUsed ?? 0;
  return (
    <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
      <StatCard
        label={`${periodHeading(k.period)} against the quota`}
        value={
          <>
            {formatCount(used)} <span className="text-base font-normal text-muted-foreground">/ {formatCount(k.quota)}</span>
          </>
        }
        className="col-span-2 lg:col-span-1"
        testId="usage-period"
      >
        <QuotaBar used={used} quota={k.quota} percent={k.percentUsed} label={several ? `Quota used by key ${k.name}` : "Quota used"} />
        <p>{formatPercent(k.percentUsed)} of the {quotaAdjective(k.period)} quota</p>
        {k.quotaSince ? (
          <p className="text-xs" data-testid="usage-quota-since">
            {quotaSinceSentence(k.quotaSince, now)}
          </p>
        ) : null}
        {several ? <p className="text-xs text-muted-foreground">Key “{k.name}”, the nearest to its quota</p> : null}
      </StatCard>
      {today}
      <StatCard label="Remaining" value={formatCount(k.remaining ?? 0)} testId="usage-remaining">
        <p>requests before HTTP 429{several ? ` (key “${k.name}”)` : ""}</p>
      </StatCard>
      <StatCard label="Quota resets" value={formatUtcTime(k.resetsAt)} testId="usage-resets">
        <p>
          {utcDayPhrase(k.resetsAt, now)}, in {formatDuration(k.resetsAt.getTime() - now.getTime())}
        </p>
      </StatCard>
      {throttle}
    </div>
  );
}
