import "server-only";
import { after } from "next/server";
import { errorFields, logger } from "@/lib/observability/log";

// Work a response must not wait for, because its duration would tell the caller something (whether an account
// exists) or because the caller gains nothing by waiting (an e-mail).

const inFlight = new Set<Promise<void>>();

/**
 * Starts `task` without the caller waiting for it. Inside a request, Next.js's after() keeps the server (or a
 * serverless function) up until it ends. A failure is logged by its name only: tasks handle personal data.
 */
export function runInBackground(name: string, task: () => Promise<void>): void {
  const run = Promise.resolve()
    .then(task)
    .catch((error: unknown) => logger("background").error({ task: name, ...errorFields(error) }, "background task failed"))
    .finally(() => inFlight.delete(run));
  inFlight.add(run);
  try {
    after(run);
  } catch {
    // Not inside a request (a script or a test): the process stays up for pending promises anyway.
  }
}

/** Waits for every background task started so far, and for those they start in turn (tests, scripts). */
export async function settleBackground(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}
