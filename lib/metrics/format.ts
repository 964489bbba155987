// Wording for CloudWatch figures on the admin views: counts, milliseconds, percents and UTC period labels. Pure,
// usable in client components.

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

export function formatCompact(n: number): string {
  return compact.format(n);
}

/** "123 ms", "1.25 s"; an em dash when there is no figure. */
export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "—";
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

/** "0.42%", "12.5%", "100%"; an em dash when there is no figure (nothing to divide by). */
export function formatRate(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return "—";
  if (percent === 0 || percent === 100) return `${percent}%`;
  if (percent < 1) return `${percent.toFixed(2)}%`;
  return `${percent.toFixed(1)}%`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A period's start in UTC, as short as the period allows: "14:05" for minute and 5-minute periods (a day or less),
 * "Dec 3 14:00" for hours, "Dec 3" for whole-day starts of multi-hour periods.
 */
export function formatSlot(epochSec: number, period: number, long = false): string {
  const d = new Date(epochSec * 1000);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  const day = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  if (long) return `${day}, ${time} UTC`;
  if (period < 3600) return time;
  if (period >= 6 * 3600 && d.getUTCHours() === 0) return day;
  return `${day} ${time}`;
}

/** "a minute", "30 seconds", "5 minutes": how often a cached view is refreshed at most. */
export function formatRefreshInterval(seconds: number): string {
  if (seconds === 60) return "a minute";
  if (seconds % 60 === 0) return `${seconds / 60} minutes`;
  return seconds === 1 ? "a second" : `${seconds} seconds`;
}
