// The audit log as CSV: the columns and one record per entry. Every text cell is made safe to open in a spreadsheet
// by the one CSV rule (lib/csv/spreadsheet-safe.ts) when it is written: e-mails, ids and meta are user-influenced.
import type { CsvColumn } from "@/lib/csv/spreadsheet-safe";

export const AUDIT_CSV_COLUMNS = [
  { key: "createdAt", header: "time_utc" },
  { key: "action", header: "action" },
  { key: "outcome", header: "outcome" },
  { key: "actorEmail", header: "actor_email" },
  { key: "actorRole", header: "actor_role" },
  { key: "actorId", header: "actor_id" },
  { key: "targetType", header: "target_type" },
  { key: "targetId", header: "target_id" },
  { key: "customerId", header: "customer_id" },
  { key: "meta", header: "meta" },
  { key: "id", header: "entry_id" },
] as const satisfies readonly CsvColumn[];

export interface AuditCsvSource {
  id: string;
  createdAt: Date;
  action: string;
  outcome: string;
  actorEmail: string | null;
  actorRole: string | null;
  actorId: string | null;
  targetType: string;
  targetId: string | null;
  customerId: string | null;
  meta: unknown;
}

export type AuditCsvKey = (typeof AUDIT_CSV_COLUMNS)[number]["key"];

/** One entry as a CSV record: every cell text (neutralised for spreadsheets when the CSV is written). */
export function auditCsvRecord(entry: AuditCsvSource): Record<AuditCsvKey, string> {
  const text = (value: string | null) => value ?? "";
  return {
    createdAt: entry.createdAt.toISOString(),
    action: text(entry.action),
    outcome: text(entry.outcome),
    actorEmail: text(entry.actorEmail),
    actorRole: text(entry.actorRole),
    actorId: text(entry.actorId),
    targetType: text(entry.targetType),
    targetId: text(entry.targetId),
    customerId: text(entry.customerId),
    meta: text(entry.meta === null || entry.meta === undefined ? "" : JSON.stringify(entry.meta)),
    id: text(entry.id),
  };
}
