// The overview's time ranges and the CloudWatch period that fits each: few enough points for a readable chart
// (60–288) and a single GetMetricData page, and periods CloudWatch keeps at that age (1-minute data for the last
// hours, 5-minute for days, hourly beyond). Pure.
import { z } from "zod";

export const RANGE_KEYS = ["1h", "24h", "7d", "30d"] as const;
export type RangeKey = (typeof RANGE_KEYS)[number];
export const DEFAULT_RANGE: RangeKey = "24h";

export interface RangeSpec {
  key: RangeKey;
  label: string;
  /** Length of the range in seconds. */
  seconds: number;
  /** CloudWatch period of each point, seconds (a multiple of 60). */
  period: number;
}

const HOUR = 3600;
export const RANGES: Record<RangeKey, RangeSpec> = {
  "1h": { key: "1h", label: "Last hour", seconds: HOUR, period: 60 },
  "24h": { key: "24h", label: "Last 24 hours", seconds: 24 * HOUR, period: 300 },
  "7d": { key: "7d", label: "Last 7 days", seconds: 7 * 24 * HOUR, period: HOUR },
  "30d": { key: "30d", label: "Last 30 days", seconds: 30 * 24 * HOUR, period: 6 * HOUR },
};

export const rangeSchema = z.enum(RANGE_KEYS).catch(DEFAULT_RANGE);

export interface TimeWindow {
  /** Epoch seconds, inclusive; a multiple of the period. */
  start: number;
  /** Epoch seconds, exclusive; start + the range's length. */
  end: number;
  period: number;
  /** Start of every period in the window, oldest first. */
  slots: number[];
}

/**
 * The window a range covers at `nowMs`: it ends at the end of the period `now` falls in (so the current, partial
 * period is shown) and starts exactly one range earlier, both on period boundaries.
 */
export function windowFor(range: RangeSpec, nowMs: number): TimeWindow {
  const nowSec = Math.floor(nowMs / 1000);
  const end = (Math.floor(nowSec / range.period) + 1) * range.period;
  const start = end - range.seconds;
  const slots: number[] = [];
  for (let t = start; t < end; t += range.period) slots.push(t);
  return { start, end, period: range.period, slots };
}

/** How a period is named in the page's text ("5-minute", "6-hour"). */
export function periodLabel(period: number): string {
  if (period % HOUR === 0) return `${period / HOUR}-hour`;
  return `${period / 60}-minute`;
}
