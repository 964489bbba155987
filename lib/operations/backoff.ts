// Retry schedule for durable operations: exponential from 2 s, capped at 5 minutes, with ±20% jitter so that many
// operations throttled together do not retry together.
export const MAX_ATTEMPTS = 10;

export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(2_000 * 2 ** Math.max(0, attempt - 1), 300_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}
