// When cached usage is refreshed from AWS. Pure constants, shared by the services and the page's refresh button.

/** A page view refreshes usage first when the cache is older than this (or was never filled). */
export const STALE_AFTER_MS = 5 * 60_000;

/** "Refresh now" is refused this soon after the last refresh: each one costs GetUsage calls against the account's limits. */
export const REFRESH_COOLDOWN_MS = 5_000;

/** Days read from GetUsage per refresh: enough for the 30-day chart and a whole month-long quota period. */
export const SYNC_DAYS = 31;
