"use client";

import Link from "next/link";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { formatCount } from "@/lib/metrics/format";

export interface TopCustomerRow {
  customerId: string;
  name: string;
  company: string | null;
  tierName: string;
  requests: number;
}

const columns: ColumnDef<TopCustomerRow, unknown>[] = [
  {
    id: "customer",
    header: "Customer",
    accessorFn: (c) => c.name,
    meta: { rowHeader: true },
    cell: ({ row: { original: c } }) => (
      <div className="min-w-32">
        <Link href={`/admin/customers/${encodeURIComponent(c.customerId)}`} className="font-medium text-primary underline-offset-4 hover:underline">
          {c.name}
        </Link>
        {c.company ? <span className="block text-muted-foreground">{c.company}</span> : null}
      </div>
    ),
  },
  { accessorKey: "tierName", header: "Tier" },
  { accessorKey: "requests", header: "Requests today", meta: { align: "right" }, cell: ({ getValue }) => formatCount(getValue() as number) },
];

export function TopCustomersTable({ rows }: { rows: TopCustomerRow[] }) {
  return (
    <DataTable
      columns={columns}
      data={rows}
      caption="Top customers by requests today"
      rowTestId="top-customer-row"
      getRowId={(r) => r.customerId}
      empty="No customer has sent a request today (UTC) yet."
    />
  );
}
