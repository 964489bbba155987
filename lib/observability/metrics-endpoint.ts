// The answer to a metrics scrape, shared by the portal's /api/metrics and the worker's metrics port. Scrapers send
// `Authorization: Bearer <GATEHOUSE_METRICS_TOKEN>`. Without a configured token the endpoint is off (404): metrics
// name customers' activity and the portal's internals, so they are never public by default.
import { createHash, timingSafeEqual } from "node:crypto";
import { metrics } from "@/lib/observability/metrics";

export type MetricsAccess = "allowed" | "disabled" | "refused";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Whether an Authorization header carries the token (compared in constant time); "disabled" without a token. */
export function metricsAccess(authorization: string | null | undefined, token: string | undefined): MetricsAccess {
  if (!token) return "disabled";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match?.[1]) return "refused";
  return timingSafeEqual(digest(match[1]), digest(token)) ? "allowed" : "refused";
}

/** The scrape's response: the registry in Prometheus's text format, 401 without the token, 404 when off. */
export async function metricsResponse(authorization: string | null | undefined, token: string | undefined): Promise<Response> {
  const access = metricsAccess(authorization, token);
  const noStore = { "Cache-Control": "no-store" };
  if (access === "disabled") return new Response("Not found\n", { status: 404, headers: noStore });
  if (access === "refused") {
    return new Response("Unauthorized\n", { status: 401, headers: { ...noStore, "WWW-Authenticate": 'Bearer realm="metrics"' } });
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), { status: 200, headers: { ...noStore, "Content-Type": registry.contentType } });
}
