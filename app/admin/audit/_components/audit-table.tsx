"use client";

import { Badge } from "@/components/ui/badge";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";

/** One audit entry as the list shows it (plain data). */
export interface AuditListRow {
  id: string;
  /** ISO 8601 */
  createdAt: string;
  action: string;
  outcome: string;
  actorEmail: string | null;
  actorRole: string | null;
  targetType: string;
  targetId: string | null;
  customerId: string | null;
  customerName: string | null;
  meta: string | null;
}

const columns: ColumnDef<AuditListRow, unknown>[] = [
  {
    accessorKey: "createdAt",
    header: "Time (UTC)",
    cell: ({ getValue }) => {
      const iso = getValue() as string;
      return (
        <time dateTime={iso} className="whitespace-nowrap tabular-nums">
          {iso.slice(0, 19).replace("T", " ")}
        </time>
      );
    },
  },
  {
    accessorKey: "action",
    header: "Action",
    meta: { rowHeader: true },
    cell: ({ row: { original: e } }) => (
      <div className="space-y-1">
        <span className="whitespace-nowrap font-mono text-xs">{e.action}</span>
        {e.outcome !== "success" ? (
          <Badge tone="danger" className="block">
            {e.outcome}
          </Badge>
        ) : null}
      </div>
    ),
  },
  {
    id: "actor",
    header: "Actor",
    accessorFn: (e) => e.actorEmail ?? "",
    cell: ({ row: { original: e } }) =>
      e.actorEmail ? (
        <div className="min-w-48">
          <span className="break-all">{e.actorEmail}</span>
          {e.actorRole ? <span className="block text-xs text-muted-foreground">{e.actorRole.toLowerCase()}</span> : null}
        </div>
      ) : (
        <span className="text-muted-foreground">system</span>
      ),
  },
  {
    id: "target",
    header: "Target",
    accessorFn: (e) => `${e.targetType} ${e.targetId ?? ""}`,
    cell: ({ row: { original: e } }) => (
      <div className="min-w-56">
        <span className="whitespace-nowrap">{e.targetType.replaceAll("_", " ")}</span>
        {e.targetId ? <span className="block break-all font-mono text-xs text-muted-foreground">{e.targetId}</span> : null}
      </div>
    ),
  },
  {
    id: "customer",
    header: "Customer",
    accessorFn: (e) => e.customerName ?? e.customerId ?? "",
    cell: ({ row: { original: e } }) =>
      e.customerId ? (
        <a href={`/admin/audit?customer=${encodeURIComponent(e.customerId)}`} className="block min-w-32 underline-offset-4 hover:underline">
          {e.customerName ?? e.customerId}
        </a>
      ) : (
        "—"
      ),
  },
  {
    accessorKey: "meta",
    header: "Details",
    enableSorting: false,
    cell: ({ getValue }) => {
      const meta = getValue() as string | null;
      return meta ? <code className="line-clamp-2 min-w-64 max-w-md break-all text-xs text-muted-foreground" title={meta}>{meta}</code> : <span className="text-muted-foreground">—</span>;
    },
  },
];

export function AuditTable({ rows, filtered }: { rows: AuditListRow[]; filtered: boolean }) {
  return (
    <DataTable
      columns={columns}
      data={rows}
      caption="Audit log, newest first"
      rowTestId="audit-row"
      getRowId={(e) => e.id}
      empty={filtered ? "No entries match these filters." : "Nothing has been recorded yet."}
    />
  );
}
