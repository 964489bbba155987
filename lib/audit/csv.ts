// The audit log as CSV: the columns, and cells made safe to open in a spreadsheet.

/**
 * A cell a spreadsheet would read as a formula (=, +, -, @) or that starts with a tab or carriage return gets a
 * leading apostrophe, so Excel, LibreOffice and Sheets show it as text instead of evaluating it (OWASP's "CSV
 * injection" advice). Every text cell goes through this: e-mails, ids and meta are all user-influenced.
 */
export function csvSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

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
] as const;

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

/** One entry as a CSV record: every cell a string, neutralised for spreadsheets. */
export function auditCsvRecord(entry: AuditCsvSource): Record<(typeof AUDIT_CSV_COLUMNS)[number]["key"], string> {
  const text = (value: string | null) => csvSafe(value ?? "");
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
