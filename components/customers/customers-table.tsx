"use client";

import Link from "next/link";
import { useMemo } from "react";
import { EndSessionsButton, type EndSessions } from "./end-sessions-button";
import { Badge } from "@/components/ui/badge";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { formatCount, formatPercent } from "@/lib/format/usage";

/** One customer as a staff console's list shows it (plain data: the page maps the query's rows). */
export interface CustomerListRow {
  id: string;
  name: string;
  company: string | null;
  status: string;
  email: string | null;
  tierName: string;
  activeKeys: number;
  /** ISO 8601 */
  createdAt: string;
  userId: string | null;
  /** Requests this quota period across all keys, and the tier's quota (null: none); only where the list shows usage. */
  usage?: { used: number; quota: number | null } | null;
}

function usageCell(usage: CustomerListRow["usage"]) {
  if (!usage) return "—";
  if (usage.quota === null) return <span className="whitespace-nowrap">{formatCount(usage.used)}</span>;
  const percent = usage.quota > 0 ? (usage.used / usage.quota) * 100 : 100;
  return (
    <span className="whitespace-nowrap">
      {formatCount(usage.used)} <span className="text-muted-foreground">({formatPercent(percent)})</span>
    </span>
  );
}

function columnsFor({ basePath, endSessions, showUsage }: { basePath: string; endSessions?: EndSessions; showUsage: boolean }): ColumnDef<CustomerListRow, unknown>[] {
  return [
    {
      id: "customer",
      header: "Customer",
      accessorFn: (c) => `${c.name} ${c.company ?? ""}`,
      cell: ({ row: { original: c } }) => (
        <div className="min-w-40">
          <Link href={`${basePath}/${c.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
            {c.name}
          </Link>
          {c.company ? <span className="block text-muted-foreground">{c.company}</span> : null}
          {c.status !== "ACTIVE" ? (
            <Badge tone={c.status === "DELETED" ? "slate" : "warning"} className="mt-1 flex">
              {c.status.toLowerCase()}
            </Badge>
          ) : null}
        </div>
      ),
      sortingFn: (a, b) => a.original.name.localeCompare(b.original.name),
    },
    { accessorKey: "email", header: "E-mail", cell: ({ getValue }) => (getValue() as string | null) ?? "—" },
    { accessorKey: "tierName", header: "Tier" },
    { accessorKey: "activeKeys", header: "Keys", meta: { align: "right" } },
    ...(showUsage
      ? [
          {
            id: "usage",
            header: "This period",
            accessorFn: (c: CustomerListRow) => c.usage?.used ?? -1,
            cell: ({ row: { original: c } }: { row: { original: CustomerListRow } }) => usageCell(c.usage),
            meta: { align: "right" as const },
          },
        ]
      : []),
    {
      accessorKey: "createdAt",
      header: "Signed up",
      cell: ({ getValue }) => {
        const iso = getValue() as string;
        return (
          <time dateTime={iso} className="whitespace-nowrap">
            {iso.slice(0, 10)}
          </time>
        );
      },
    },
    ...(endSessions
      ? [
          {
            id: "sessions",
            header: "Sessions",
            enableSorting: false,
            cell: ({ row: { original: c } }: { row: { original: CustomerListRow } }) =>
              c.userId && c.status !== "DELETED" ? <EndSessionsButton userId={c.userId} email={c.email ?? c.name} action={endSessions} /> : "—",
          },
        ]
      : []),
  ];
}

/**
 * This page of customers (newest first; the search and the pages are in the URL, run on the server). `basePath` is
 * the console's customer pages; `endSessions` is given only to a viewer the policy allows it, and `showUsage` adds
 * the pooled usage of the quota period.
 */
export function CustomersTable({
  rows,
  query,
  filtered,
  basePath,
  endSessions,
  showUsage = false,
}: {
  rows: CustomerListRow[];
  query: string;
  filtered: boolean;
  basePath: string;
  endSessions?: EndSessions;
  showUsage?: boolean;
}) {
  const columns = useMemo(() => columnsFor({ basePath, endSessions, showUsage }), [basePath, endSessions, showUsage]);
  return (
    <DataTable
      columns={columns}
      data={rows}
      caption="Customers, newest first"
      rowTestId="customer-row"
      getRowId={(c) => c.id}
      empty={query ? `No customers match “${query}”.` : filtered ? "No customers match these filters." : "No customers yet."}
    />
  );
}
