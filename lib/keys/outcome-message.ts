import type { RunOutcome } from "@/lib/operations/run";

/** What to tell the customer about an operation that did not finish in their request. */
export function pendingMessage(what: string): string {
  return `AWS is busy right now, so ${what} is queued: it completes automatically within a few minutes. Nothing is lost.`;
}

export function failedMessage(what: string, outcome: RunOutcome): string {
  const detail = outcome.status === "failed" && /NotFound/.test(outcome.error) ? " AWS could not find a resource it needs." : "";
  return `${what} failed and was undone, so nothing was left half-done.${detail} Please try again, or contact support if it keeps failing.`;
}
