// "ends in 23 h": how long until a moment, rounded down to the largest whole unit. Pure, usable in client components.

/** "23 h", "45 min", "3 days", "under a minute"; "now" once the moment has passed. */
export function formatTimeLeft(until: Date, now: Date): string {
  const ms = until.getTime() - now.getTime();
  if (ms <= 0) return "now";
  const min = Math.floor(ms / 60_000);
  if (min < 1) return "under a minute";
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} days`;
}
