import "server-only";
import { isRetryable } from "@/lib/aws/errors";

/** A failure no retry can fix (the operation compensates and stops). */
export class PermanentFailure extends Error {
  override name = "PermanentFailure";
}

export function shouldRetry(error: unknown): boolean {
  return !(error instanceof PermanentFailure) && isRetryable(error);
}

/** A short, log-safe description of an error (class and message only). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return "unknown error";
}

export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : "";
}

/**
 * Not a failure: the operation must wait (its turn under a rate limit, or other operations it started) and runs
 * again at `at`. The runner re-queues it without counting an attempt.
 */
export class RunLater extends Error {
  override name = "RunLater";
  constructor(
    readonly at: Date,
    reason: string,
  ) {
    super(reason);
  }
}
