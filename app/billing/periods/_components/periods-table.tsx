"use client";

import Link from "next/link";
import { ClosePeriodButton } from "./close-period-button";
import { Badge } from "@/components/ui/badge";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { formatAmount } from "@/lib/format/billing";

/** One month as the periods page lists it (plain data). */
export interface PeriodListRow {
  month: string;
  label: string;
  status: "RUNNING" | "OPEN" | "CLOSED";
  refusal: string | null;
  customers: number;
  totalCents: number;
  /** ISO 8601 */
  closedAt: string | null;
  closedByEmail: string | null;
  adjustments: { customers: number; amountCentsDelta: number } | null;
}

const signedMoney = (cents: number) => `${cents > 0 ? "+" : cents < 0 ? "−" : ""}${formatAmount(Math.abs(cents))}`;

const statusBadge = { CLOSED: { variant: "success", text: "Closed" }, OPEN: { variant: "info", text: "Open" }, RUNNING: { variant: "neutral", text: "Running" } } as const;

const columns: ColumnDef<PeriodListRow, unknown>[] = [
  {
    accessorKey: "label",
    header: "Month",
    meta: { rowHeader: true },
    cell: ({ row: { original: p } }) => (
      <Link href={`/billing?month=${p.month}`} className="font-medium whitespace-nowrap text-primary underline-offset-4 hover:underline">
        {p.label}
      </Link>
    ),
  },
  {
    accessorKey: "status",
    header: "Status",
    cell: ({ row: { original: p } }) => (
      <Badge variant={statusBadge[p.status].variant} data-testid="period-status">
        {statusBadge[p.status].text}
      </Badge>
    ),
  },
  { accessorKey: "customers", header: "Customers", meta: { align: "right" }, cell: ({ getValue }) => (getValue() as number).toLocaleString("en-US") },
  {
    accessorKey: "totalCents",
    header: "Total",
    meta: { align: "right" },
    cell: ({ row: { original: p } }) => (
      <span className="whitespace-nowrap">
        {formatAmount(p.totalCents)}
        <span className="block text-xs text-muted-foreground">{p.status === "CLOSED" ? "frozen" : "so far"}</span>
      </span>
    ),
  },
  {
    id: "closed",
    header: "Closed",
    accessorFn: (p) => p.closedAt ?? "",
    cell: ({ row: { original: p } }) =>
      p.closedAt ? (
        <span className="text-sm">
          <time dateTime={p.closedAt} className="whitespace-nowrap">
            {p.closedAt.slice(0, 16).replace("T", " ")} UTC
          </time>
          <span className="block text-xs break-all text-muted-foreground">by {p.closedByEmail ?? "a removed user"}</span>
        </span>
      ) : (
        <span className="text-muted-foreground">—</span>
      ),
  },
  {
    id: "adjustments",
    header: "Adjustments pending",
    accessorFn: (p) => p.adjustments?.customers ?? -1,
    cell: ({ row: { original: p } }) =>
      !p.adjustments ? (
        <span className="text-muted-foreground">—</span>
      ) : p.adjustments.customers === 0 ? (
        <span className="text-muted-foreground">None</span>
      ) : (
        <a href={`#adjustments-${p.month}`} className="whitespace-nowrap text-primary underline-offset-4 hover:underline">
          {p.adjustments.customers.toLocaleString("en-US")} {p.adjustments.customers === 1 ? "customer" : "customers"}, {signedMoney(p.adjustments.amountCentsDelta)}
        </a>
      ),
  },
  {
    id: "actions",
    header: "Actions",
    enableSorting: false,
    cell: ({ row: { original: p } }) =>
      p.status === "OPEN" && !p.refusal ? (
        <ClosePeriodButton month={p.month} label={p.label} customers={p.customers} total={formatAmount(p.totalCents)} />
      ) : p.status === "RUNNING" ? (
        <span className="block max-w-56 text-xs text-muted-foreground">Running: can be closed once it has ended.</span>
      ) : null,
  },
];

/** The months with their status, totals, who closed them and the adjustments since. */
export function PeriodsTable({ rows }: { rows: PeriodListRow[] }) {
  return <DataTable columns={columns} data={rows} caption="Billing periods" getRowId={(r) => r.month} rowTestId="period-row" empty="No periods yet." />;
}
