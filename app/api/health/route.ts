// Readiness for load balancers and operators: whether the database answers (SELECT 1, short timeout).
// 200 {status:"ok", database:"up"} or 503 {status:"unavailable", database:"down"}. /api/health/live is the static liveness.
import { checkReadiness, readinessResponse } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  return readinessResponse(await checkReadiness());
}
