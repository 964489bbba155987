// GET /billing/export/daily-usage.csv?from=&to=&customerId=: daily usage per customer × key × day as a CSV download,
// streamed (lib/billing/daily-usage-export.ts). Guarded by the policy (billing.export: billing staff and admins);
// anonymous callers get 401, other roles 403, bad parameters 400 with the reason in plain text.
import { getActor } from "@/lib/auth/session";
import { exportDailyUsageCsv } from "@/lib/billing/daily-usage-export";
import { describeParamErrors, parseDailyUsageExportParams } from "@/lib/billing/export-params.schema";
import { csvDownloadResponse, plainTextResponse } from "@/lib/csv/response";
import { authorize } from "@/lib/policy/authorize";
import { httpStatus } from "@/lib/result";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const actor = await getActor();
  const allowed = authorize(actor, "billing.export");
  if (!allowed.ok) return plainTextResponse(httpStatus[allowed.error.code], allowed.error.message);
  const parsed = parseDailyUsageExportParams(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.ok) return plainTextResponse(400, describeParamErrors(parsed.fieldErrors));
  const result = await exportDailyUsageCsv(actor, parsed.params);
  if (!result.ok) return plainTextResponse(httpStatus[result.error.code], result.error.message);
  return csvDownloadResponse(result.data.stream, result.data.fileName);
}
