import "server-only";
import { once } from "node:events";
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { AUDIT_CSV_COLUMNS, auditCsvRecord } from "@/lib/audit/csv";
import type { AuditFilters } from "@/lib/audit/filter-schema";
import { auditEntriesInBatches, auditWhere } from "@/lib/audit/queries";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { ok, type Result } from "@/lib/result";

/**
 * The filtered audit log as a CSV stream (csv-stringify, UTF-8 with a byte-order mark so spreadsheets read accents
 * right), written batch by batch as the database answers, with backpressure: the export of a large log never sits
 * in memory. Cells are neutralised against formula injection (lib/audit/csv.ts). The export itself is audited
 * (audit.export, with its filters) before the first byte is sent.
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

  const csv = stringify({ header: true, bom: true, columns: AUDIT_CSV_COLUMNS.map(({ key, header }) => ({ key, header })) });
  void (async () => {
    if (where) {
      for await (const batch of auditEntriesInBatches(where)) {
        for (const entry of batch) {
          if (csv.destroyed) return; // the client went away
          if (!csv.write(auditCsvRecord(entry))) await Promise.race([once(csv, "drain"), once(csv, "close")]);
        }
      }
    }
    csv.end();
  })().catch((error: unknown) => {
    // The response has started: the client sees a cut-off file. Log the class and message only.
    console.error(`[audit.export] stopped: ${error instanceof Error ? `${error.name}: ${error.message}` : "unknown error"}`);
    csv.destroy(error instanceof Error ? error : new Error("export failed"));
  });
  return ok(Readable.toWeb(csv) as ReadableStream<Uint8Array>);
}
