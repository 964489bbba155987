// GET /admin/audit/export?actor=&action=&customer=&outcome=&from=&to=: the filtered audit log as a CSV download,
// streamed. Guarded by the policy (audit.export: admins); anonymous callers get 401, other roles 403.
import { exportAuditCsv } from "@/lib/audit/export";
import { parseAuditFilters } from "@/lib/audit/filter-schema";
import { getActor } from "@/lib/auth/session";
import { csvDownloadResponse, plainTextResponse as text } from "@/lib/csv/response";
import { authorize } from "@/lib/policy/authorize";
import { httpStatus } from "@/lib/result";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const actor = await getActor();
  const allowed = authorize(actor, "audit.export");
  if (!allowed.ok) return text(httpStatus[allowed.error.code], allowed.error.message);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = parseAuditFilters(params);
  if (!parsed.ok) {
    const problems = Object.entries(parsed.fieldErrors).map(([field, messages]) => `${field}: ${messages.join(" ")}`);
    return text(400, `The filters are not valid.\n${problems.join("\n")}`);
  }
  const result = await exportAuditCsv(actor, parsed.filters);
  if (!result.ok) return text(httpStatus[result.error.code], result.error.message);
  const day = new Date().toISOString().slice(0, 10);
  return csvDownloadResponse(result.data, `audit-log-${day}.csv`);
}
