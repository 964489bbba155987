// Prometheus scrape endpoint: Authorization: Bearer <GATEHOUSE_METRICS_TOKEN>; 404 while no token is configured.
// Machine access with its own token, like /api/health: no session, so no action builder or policy entry.
import { env } from "@/lib/env";
import { metricsResponse } from "@/lib/observability/metrics-endpoint";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return metricsResponse(request.headers.get("authorization"), env().GATEHOUSE_METRICS_TOKEN);
}
