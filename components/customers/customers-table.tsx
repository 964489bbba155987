"use client";

import Link from "next/link";
import { EndSessionsButton } from "./end-sessions-button";
import { Badge } from "@/components/ui/badge";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";

/** One customer as the admin list shows it (plain data: the page maps the query's rows). */
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
}

const columns: ColumnDef<CustomerListRow, unknown>[] = [
  {
    id: "customer",
    header: "Customer",
    accessorFn: (c) => `${c.name} ${c.company ?? ""}`,
    cell: ({ row: { original: c } }) => (
      <div className="min-w-40">
        <Link href={`/admin/customers/${c.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
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
  {
    id: "sessions",
    header: "Sessions",
    enableSorting: false,
    cell: ({ row: { original: c } }) => (c.userId && c.status !== "DELETED" ? <EndSessionsButton userId={c.userId} email={c.email ?? c.name} /> : "—"),
  },
];

/** This page of customers (newest first; the search and the pages are in the URL, run on the server). */
export function CustomersTable({ rows, query, filtered }: { rows: CustomerListRow[]; query: string; filtered: boolean }) {
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
