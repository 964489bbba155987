"use client";

import { Badge } from "@/components/ui/badge";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";

// The customer detail page's tables, in both staff consoles (plain rows from the server; dates as ISO strings).

const when = (iso: string | null) =>
  iso ? (
    <time dateTime={iso} className="whitespace-nowrap">
      {iso.slice(0, 16).replace("T", " ")} UTC
    </time>
  ) : (
    "—"
  );

const KEY_TONES: Record<string, "success" | "warning" | "danger" | "neutral" | "info"> = {
  ACTIVE: "success",
  DISABLED: "warning",
  PENDING: "info",
  REVOKED: "neutral",
  FAILED: "danger",
};

export interface KeyRow {
  id: string;
  name: string;
  lastFour: string | null;
  awsKeyId: string | null;
  status: string;
  suspended: boolean;
  createdAt: string;
}

const keyColumns: ColumnDef<KeyRow, unknown>[] = [
  { accessorKey: "name", header: "Key", meta: { rowHeader: true } },
  { accessorKey: "lastFour", header: "Ends in", cell: ({ getValue }) => <span className="font-mono">{(getValue() as string | null) ?? "—"}</span> },
  {
    accessorKey: "status",
    header: "State",
    cell: ({ row: { original: k } }) => (
      <span className="flex flex-wrap gap-1">
        <Badge tone={KEY_TONES[k.status] ?? "neutral"}>{k.status.toLowerCase()}</Badge>
        {k.suspended ? <Badge tone="warning">by suspension</Badge> : null}
      </span>
    ),
  },
  { accessorKey: "awsKeyId", header: "AWS key id", cell: ({ getValue }) => <span className="font-mono text-xs">{(getValue() as string | null) ?? "—"}</span> },
  { accessorKey: "createdAt", header: "Created", cell: ({ getValue }) => when(getValue() as string) },
];

const keyColumnsWithoutAwsId = keyColumns.filter((c) => !("accessorKey" in c && c.accessorKey === "awsKeyId"));

/** A customer's keys: name, last four characters and state (never a value: the portal does not have them). */
export function KeysTable({ rows, showAwsKeyId = true }: { rows: KeyRow[]; showAwsKeyId?: boolean }) {
  return (
    <DataTable
      columns={showAwsKeyId ? keyColumns : keyColumnsWithoutAwsId}
      data={rows}
      caption="API keys"
      rowTestId="admin-key-row"
      getRowId={(k) => k.id}
      empty="No keys."
      pageSize={10}
    />
  );
}

export interface OperationRow {
  id: string;
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

const OP_TONES: Record<string, "success" | "warning" | "danger" | "info"> = { SUCCEEDED: "success", QUEUED: "info", RUNNING: "info", FAILED: "danger" };

const operationColumns: ColumnDef<OperationRow, unknown>[] = [
  { accessorKey: "kind", header: "Operation", cell: ({ getValue }) => (getValue() as string).toLowerCase().replaceAll("_", " "), meta: { rowHeader: true } },
  { accessorKey: "status", header: "Status", cell: ({ getValue }) => <Badge tone={OP_TONES[getValue() as string] ?? "neutral"}>{(getValue() as string).toLowerCase()}</Badge> },
  { accessorKey: "attempts", header: "Attempts", meta: { align: "right" } },
  { accessorKey: "createdAt", header: "Queued", cell: ({ getValue }) => when(getValue() as string) },
  { accessorKey: "finishedAt", header: "Finished", cell: ({ getValue }) => when(getValue() as string | null) },
  { accessorKey: "lastError", header: "Last error", cell: ({ getValue }) => <span className="block max-w-64 truncate">{(getValue() as string | null) ?? "—"}</span> },
];

export function OperationsTable({ rows }: { rows: OperationRow[] }) {
  return <DataTable columns={operationColumns} data={rows} caption="Operations" rowTestId="admin-operation-row" getRowId={(o) => o.id} empty="No operations." pageSize={10} />;
}

export interface RequestRow {
  id: string;
  toTier: string;
  status: string;
  message: string | null;
  createdAt: string;
  decidedAt: string | null;
}

const requestColumns: ColumnDef<RequestRow, unknown>[] = [
  { accessorKey: "toTier", header: "Requested tier", meta: { rowHeader: true } },
  { accessorKey: "status", header: "Status", cell: ({ getValue }) => (getValue() as string).toLowerCase() },
  { accessorKey: "message", header: "Message", cell: ({ getValue }) => (getValue() as string | null) ?? "—" },
  { accessorKey: "createdAt", header: "Asked", cell: ({ getValue }) => when(getValue() as string) },
  { accessorKey: "decidedAt", header: "Decided", cell: ({ getValue }) => when(getValue() as string | null) },
];

export function TierRequestsTable({ rows }: { rows: RequestRow[] }) {
  return <DataTable columns={requestColumns} data={rows} caption="Tier requests" getRowId={(r) => r.id} empty="No tier requests." />;
}

export interface AuditRow {
  id: string;
  action: string;
  actorEmail: string | null;
  outcome: string;
  createdAt: string;
  details: string;
}

const auditColumns: ColumnDef<AuditRow, unknown>[] = [
  { accessorKey: "createdAt", header: "When", cell: ({ getValue }) => when(getValue() as string) },
  { accessorKey: "action", header: "Action", meta: { rowHeader: true } },
  { accessorKey: "actorEmail", header: "By", cell: ({ getValue }) => (getValue() as string | null) ?? "system" },
  {
    accessorKey: "outcome",
    header: "Outcome",
    cell: ({ getValue }) => <Badge tone={getValue() === "success" ? "success" : "danger"}>{getValue() as string}</Badge>,
  },
  { accessorKey: "details", header: "Details", cell: ({ getValue }) => <span className="block max-w-72 truncate text-muted-foreground">{getValue() as string}</span> },
];

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return <DataTable columns={auditColumns} data={rows} caption="Audit trail" rowTestId="admin-audit-row" getRowId={(a) => a.id} empty="Nothing recorded yet." pageSize={10} />;
}
