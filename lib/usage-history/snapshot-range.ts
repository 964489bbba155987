// The date arithmetic of a usage snapshot, pure: ranges of UTC days ("YYYY-MM-DD", inclusive) and the chunks of at
// most 90 days that one GetUsage call may span.
import { addDays, DAY_MS, dayStart } from "@/lib/usage/utc-days";

/** AWS answers at most this many days in one GetUsage call (kept here too: this file is imported by the client form). */
export const MAX_DAYS_PER_GETUSAGE = 90;

/** Days from `from` to `to`, both included. */
export function daysInRange(from: string, to: string): number {
  return Math.round((dayStart(to).getTime() - dayStart(from).getTime()) / DAY_MS) + 1;
}

/** The last day of the GetUsage chunk that starts on `chunkStart`: at most 90 days, never past `to`. */
export function chunkEnd(chunkStart: string, to: string): string {
  const end = addDays(chunkStart, MAX_DAYS_PER_GETUSAGE - 1);
  return end < to ? end : to;
}

/** Every chunk of `from`..`to`, oldest first. */
export function chunksOf(from: string, to: string): { start: string; end: string }[] {
  const chunks: { start: string; end: string }[] = [];
  for (let start = from; start <= to; start = addDays(chunkEnd(start, to), 1)) chunks.push({ start, end: chunkEnd(start, to) });
  return chunks;
}

/** The earliest day a snapshot may start on: AWS is trusted to still have `lookbackDays` days ending today. */
export function earliestSnapshotDay(today: string, lookbackDays: number): string {
  return addDays(today, -(lookbackDays - 1));
}
