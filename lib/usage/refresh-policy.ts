// When cached usage is refreshed from AWS. Pure constants, shared by the services and the page's refresh button.

/** The usage page asks for a refresh (through the refresh action, after it has rendered) when its figures are older than this, or were never read. */
export const STALE_AFTER_MS = 5 * 60_000;

/** "Refresh now" is refused this soon after the last refresh: each one costs GetUsage calls against the account's limits. */
export const REFRESH_COOLDOWN_MS = 5_000;

/** Days read from GetUsage per refresh: enough for the 30-day chart and a whole month-long quota period. */
export const SYNC_DAYS = 31;
