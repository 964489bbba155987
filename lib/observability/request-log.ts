import type { Logger } from "pino";
import { logger } from "@/lib/observability/log";
import { REQUEST_ID_HEADER } from "@/lib/observability/request-id";

/** A logger for `component` whose lines carry the current request's id (none outside a request). */
export async function requestLogger(component: string): Promise<Logger> {
  let requestId: string | undefined;
  try {
    const { headers } = await import("next/headers");
    requestId = (await headers()).get(REQUEST_ID_HEADER) ?? undefined;
  } catch {
    // Not inside a request (a script, the worker, a test).
  }
  return logger(component, requestId ? { requestId } : {});
}
