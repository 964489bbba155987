// Request ids: every request through the portal has one. proxy.ts keeps a well-formed `x-request-id` from the
// client or the load balancer in front (so one id follows a request across systems) and otherwise makes one; it
// passes the id on to the route in the request headers and returns it in the response headers. Server code logs
// with requestLogger() (lib/observability/request-log.ts), whose lines carry the id. No imports: proxy.ts uses it.
export const REQUEST_ID_HEADER = "x-request-id";

/** Ids we pass on as they are: short, and only characters that cannot forge a log line or a header. */
const WELL_FORMED = /^[A-Za-z0-9._:=+/-]{1,128}$/;

/** The request's id: the incoming header's when well formed, otherwise a new random UUID. */
export function requestIdFor(incoming: string | null | undefined): string {
  return incoming && WELL_FORMED.test(incoming) ? incoming : crypto.randomUUID();
}
