// GET /billing/export/report.csv?month=|from=&to=&tier=&status=&q=&quota=&totals=1: the period report, one row per
// customer, as a CSV download, streamed (lib/billing/report-export.ts). Guarded by the policy (billing.export:
// billing staff and admins); anonymous callers get 401, other roles 403, bad parameters 400 with the reason.
import { getActor } from "@/lib/auth/session";
import { describeParamErrors, parseReportExportParams } from "@/lib/billing/export-params.schema";
import { exportReportCsv } from "@/lib/billing/report-export";
import { csvDownloadResponse, plainTextResponse } from "@/lib/csv/response";
import { authorize } from "@/lib/policy/authorize";
import { httpStatus } from "@/lib/result";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const actor = await getActor();
  const allowed = authorize(actor, "billing.export");
  if (!allowed.ok) return plainTextResponse(httpStatus[allowed.error.code], allowed.error.message);
  const parsed = parseReportExportParams(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.ok) return plainTextResponse(400, describeParamErrors(parsed.fieldErrors));
  const result = await exportReportCsv(actor, parsed.params);
  if (!result.ok) return plainTextResponse(httpStatus[result.error.code], result.error.message);
  return csvDownloadResponse(result.data.stream, result.data.fileName);
}
