import "server-only";
import { AUDIT_CSV_COLUMNS, auditCsvRecord } from "@/lib/audit/csv";
import type { AuditFilters } from "@/lib/audit/filter-schema";
import { auditEntriesInBatches, auditWhere } from "@/lib/audit/queries";
import { recordAudit } from "@/lib/audit/record-audit";
import { csvStream } from "@/lib/csv/stream";
import { db } from "@/lib/db";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { ok, type Result } from "@/lib/result";

/**
 * The filtered audit log as a CSV stream (lib/csv/stream.ts: csv-stringify, UTF-8 with a byte-order mark so
 * spreadsheets read accents right), read batch by batch as the reader takes it: the export of a large log never sits
 * in memory. Cells are neutralised against formula injection (lib/csv/spreadsheet-safe.ts). The export itself is
 * audited (audit.export, with its filters) before the first byte is sent.
 */
export async function exportAuditCsv(actor: Actor | null, filters: AuditFilters): Promise<Result<ReadableStream<Uint8Array>>> {
  const allowed = authorize(actor, "audit.export");
  if (!allowed.ok || !actor) return allowed.ok ? { ok: false, error: { code: "unauthenticated", message: "Please sign in to continue." } } : allowed;
  const { where } = await auditWhere(filters);
  const activeFilters = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ""));
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: { userId: actor.userId, email: actor.email, role: actor.role },
      action: "audit.export",
      target: { type: "audit_log" },
      meta: { filters: activeFilters },
    }),
  );

  async function* batches() {
    if (!where) return;
    for await (const batch of auditEntriesInBatches(where)) yield batch.map(auditCsvRecord);
  }
  return ok(csvStream(AUDIT_CSV_COLUMNS, batches(), "audit.export"));
}
