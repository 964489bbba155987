// Human wording for the billing report: ranges of days, shares of a quota and amounts. Pure, usable in client
// components. Money itself is lib/format/tier.ts formatMoney (integer cents in, "$33.19" out).
import { formatMoney } from "@/lib/format/tier";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const LONG_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function parts(day: string): { y: number; m: number; d: number } {
  return { y: Number(day.slice(0, 4)), m: Number(day.slice(5, 7)), d: Number(day.slice(8, 10)) };
}

/** "1 Mar 2025". */
export function formatDay(day: string): string {
  const { y, m, d } = parts(day);
  return `${d} ${MONTHS[m - 1] ?? ""} ${y}`;
}

/** "March 2025" for a whole calendar month, else "3 Mar – 9 Apr 2025" (years shown where they differ). */
export function formatDayRange(from: string, to: string): string {
  const a = parts(from);
  const b = parts(to);
  const lastOfMonth = new Date(Date.UTC(b.y, b.m, 0)).getUTCDate();
  if (a.y === b.y && a.m === b.m && a.d === 1 && b.d === lastOfMonth) return `${LONG_MONTHS[a.m - 1] ?? ""} ${a.y}`;
  if (from === to) return formatDay(from);
  if (a.y === b.y) return `${a.d} ${MONTHS[a.m - 1] ?? ""} – ${formatDay(to)}`;
  return `${formatDay(from)} – ${formatDay(to)}`;
}

/** "March 2025" for "2025-03". */
export function formatMonth(month: string): string {
  return `${LONG_MONTHS[Number(month.slice(5, 7)) - 1] ?? ""} ${month.slice(0, 4)}`;
}

/** "85%", "120%": rounded down (99.9% never reads 100%), not capped (billing shows how far over); "—" without a quota. */
export function formatShare(percent: number | null): string {
  if (percent === null) return "—";
  return `${Math.floor(Math.max(0, percent)).toLocaleString("en-US")}%`;
}

/** Always two decimals for amounts in tables: "$33.19", "$0.00", "$499.00". */
export function formatAmount(cents: number): string {
  const whole = formatMoney(cents);
  return cents % 100 === 0 ? `${whole}.00` : whole;
}

/** "50¢ per 1,000 requests", "$1.20 per 1,000 requests"; "no overage charge" without a price. */
export function formatOveragePrice(centsPer1k: number | null): string {
  if (centsPer1k === null || centsPer1k <= 0) return "no overage charge";
  return `${centsPer1k < 100 ? `${centsPer1k}¢` : formatAmount(centsPer1k)} per 1,000 requests`;
}
