"use client";

import Link from "next/link";
import { RetryButton } from "./retry-button";
import { StateBadge } from "./state-badge";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import type { OperationState } from "@/lib/operations/admin-filter-schema";

/** One operation as the list shows it (plain data: the page maps the query's rows). */
export interface OperationListRow {
  id: string;
  kindLabel: string;
  state: OperationState;
  compensating: boolean;
  customerId: string | null;
  customerName: string | null;
  apiKeyName: string | null;
  attempts: number;
  lastError: string | null;
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601: when it runs next (queued and retrying). */
  runAfter: string;
}

const time = (iso: string) => (
  <time dateTime={iso} className="whitespace-nowrap">
    {iso.slice(0, 16).replace("T", " ")}
  </time>
);

const columns: ColumnDef<OperationListRow, unknown>[] = [
  {
    accessorKey: "kindLabel",
    header: "Operation",
    meta: { rowHeader: true },
    cell: ({ row: { original: op } }) => (
      <div className="min-w-36">
        <Link href={`/admin/operations/${op.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
          {op.kindLabel}
        </Link>
        <span className="block text-xs font-normal text-muted-foreground">{time(op.createdAt)} UTC</span>
      </div>
    ),
  },
  {
    accessorKey: "state",
    header: "State",
    cell: ({ row: { original: op } }) => (
      <div className="space-y-1">
        <StateBadge state={op.state} compensating={op.compensating} />
        {op.state === "queued" || op.state === "retrying" ? <span className="block text-xs text-muted-foreground">next {time(op.runAfter)}</span> : null}
      </div>
    ),
  },
  {
    id: "customer",
    header: "Customer",
    accessorFn: (op) => op.customerName ?? "",
    cell: ({ row: { original: op } }) =>
      op.customerId ? (
        <div className="min-w-32">
          <Link href={`/admin/operations?customer=${encodeURIComponent(op.customerId)}`} className="underline-offset-4 hover:underline">
            {op.customerName ?? op.customerId}
          </Link>
          {op.apiKeyName ? <span className="block text-xs text-muted-foreground">key “{op.apiKeyName}”</span> : null}
        </div>
      ) : (
        "—"
      ),
  },
  { accessorKey: "attempts", header: "Attempts", meta: { align: "right" } },
  {
    accessorKey: "lastError",
    header: "Last error",
    enableSorting: false,
    cell: ({ getValue }) => {
      const error = getValue() as string | null;
      return error ? <span className="line-clamp-2 min-w-48 max-w-xs break-words text-xs text-muted-foreground" title={error}>{error}</span> : <span className="text-muted-foreground">—</span>;
    },
  },
  {
    id: "actions",
    header: "Actions",
    enableSorting: false,
    cell: ({ row: { original: op } }) =>
      op.state === "failed" || op.state === "compensated" ? (
        <RetryButton operationId={op.id} what={`${op.kindLabel.toLowerCase()}${op.customerName ? ` for ${op.customerName}` : ""}`} />
      ) : null,
  },
];

export function OperationsTable({ rows, filtered }: { rows: OperationListRow[]; filtered: boolean }) {
  return (
    <DataTable
      columns={columns}
      data={rows}
      caption="Durable operations, newest first"
      rowTestId="operation-row"
      getRowId={(op) => op.id}
      empty={filtered ? "No operations match these filters." : "No operations yet."}
    />
  );
}
