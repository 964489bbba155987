// Page and route latency for the portal's histogram (gatehouse_http_request_duration_seconds), measured by Node's
// own HTTP server through its diagnostics channels: from a request's arrival to the end of its response, whatever
// answered it (a page, a server action, a route handler, the proxy, a static file). instrumentation.ts starts it.
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { metrics } from "@/lib/observability/metrics";

/** A record id in a path (a cuid, a UUID, a number): replaced by ":id" so labels stay few. */
const ID_SEGMENT = /^(?=.*\d)[A-Za-z0-9_-]{16,}$|^\d+$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_SEGMENTS = 5;

/** The route label of a request: its path without the query, ids as ":id"; Next.js's own files and 404s grouped. */
export function routeLabel(url: string | undefined, status: number): string {
  if (status === 404) return "(unmatched)";
  const path = (url ?? "/").split(/[?#]/, 1)[0] ?? "/";
  if (path.startsWith("/_next/")) return `/_next/${path.split("/")[2] ?? ""}`;
  const segments = path.split("/").filter(Boolean);
  const shown = segments.slice(0, MAX_SEGMENTS).map((s) => (ID_SEGMENT.test(s) ? ":id" : s.length > 40 ? ":long" : s));
  return `/${shown.join("/")}${segments.length > MAX_SEGMENTS ? "/…" : ""}`;
}

const STARTED = Symbol.for("gatehouse.http.started");
const INSTALLED = Symbol.for("gatehouse.http.latency");
type Timed = ServerResponse & { [STARTED]?: bigint };

/** Records every HTTP request this process serves (once per process, however often called). */
export function observeHttpLatency(): void {
  const holder = globalThis as typeof globalThis & { [INSTALLED]?: boolean };
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;
  subscribe("http.server.request.start", (message) => {
    const { response } = message as { response: Timed };
    response[STARTED] = process.hrtime.bigint();
  });
  subscribe("http.server.response.finish", (message) => {
    const { request, response } = message as { request: IncomingMessage; response: Timed };
    const started = response[STARTED];
    if (started === undefined) return;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const status = response.statusCode;
    metrics().httpDuration.observe({ method: request.method ?? "GET", route: routeLabel(request.url, status), status: String(status) }, seconds);
  });
}
