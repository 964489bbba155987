"use client";

import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { TableCell, TableFooter, TableRow } from "@/components/ui/table";

export interface RevenueRow {
  tierId: string;
  tierName: string;
  monthlyPriceCents: number;
  /** The tier's price as every page shows it (lib/format/tier.ts tierPrice). */
  priceLabel: string;
  customers: number;
  activeKeys: number;
  monthlyRevenueCents: number;
}

export const money = (cents: number) => `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;

const columns: ColumnDef<RevenueRow, unknown>[] = [
  { accessorKey: "tierName", header: "Tier", meta: { rowHeader: true } },
  { accessorKey: "priceLabel", header: "Price", meta: { className: "whitespace-nowrap" } },
  { accessorKey: "customers", header: "Customers", meta: { align: "right" } },
  { accessorKey: "activeKeys", header: "Active keys", meta: { align: "right" } },
  { accessorKey: "monthlyRevenueCents", header: "Monthly revenue", meta: { align: "right" }, cell: ({ getValue }) => money(getValue() as number) },
];

/** Customers, keys and monthly recurring revenue per tier, with the total. */
export function RevenueTable({ rows }: { rows: RevenueRow[] }) {
  const total = rows.reduce((sum, r) => sum + r.monthlyRevenueCents, 0);
  return (
    <DataTable
      columns={columns}
      data={rows}
      caption="Revenue by tier"
      getRowId={(r) => r.tierId}
      empty="No tiers yet."
      footer={
        <TableFooter>
          <TableRow className="hover:bg-transparent">
            <th scope="row" colSpan={4} className="px-4 py-3 text-left">
              Total
            </th>
            <TableCell className="text-right tabular-nums">{money(total)}</TableCell>
          </TableRow>
        </TableFooter>
      }
    />
  );
}
