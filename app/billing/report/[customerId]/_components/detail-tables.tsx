"use client";

import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { TableCell, TableFooter, TableRow } from "@/components/ui/table";
import type { AmountLine } from "@/lib/billing/amounts";
import { formatAmount, formatDay, formatOveragePrice } from "@/lib/format/billing";
import { formatCount } from "@/lib/format/usage";

export interface SpanRow {
  tierId: string;
  tierName: string;
  from: string;
  to: string;
  days: number;
}

const spanColumns: ColumnDef<SpanRow, unknown>[] = [
  { accessorKey: "tierName", header: "Tier", meta: { rowHeader: true } },
  { accessorKey: "from", header: "From", cell: ({ getValue }) => formatDay(getValue() as string) },
  { accessorKey: "to", header: "To", cell: ({ getValue }) => formatDay(getValue() as string) },
  { accessorKey: "days", header: "Days", meta: { align: "right" } },
];

/** The tiers the customer held in the period, as runs of days (the day of a move counts for the new tier). */
export function SpansTable({ spans }: { spans: SpanRow[] }) {
  return <DataTable columns={spanColumns} data={spans} caption="Tiers in the period" getRowId={(s) => `${s.tierId}-${s.from}`} rowTestId="span-row" empty="No tier in this period." />;
}

export interface DayRow {
  day: string;
  tierName: string | null;
  used: number;
  quota: number | null;
  period: "DAY" | "WEEK" | "MONTH" | null;
  cumulative: number;
  atQuota: boolean;
  overage: number;
}

const dayColumns: ColumnDef<DayRow, unknown>[] = [
  { accessorKey: "day", header: "Day", meta: { rowHeader: true, className: "whitespace-nowrap" }, cell: ({ getValue }) => formatDay(getValue() as string) },
  { accessorKey: "tierName", header: "Tier", cell: ({ getValue }) => (getValue() as string | null) ?? "None" },
  { accessorKey: "used", header: "Requests", meta: { align: "right" }, cell: ({ getValue }) => formatCount(getValue() as number) },
  {
    id: "counted",
    accessorKey: "cumulative",
    header: "Counted toward quota",
    meta: { align: "right" },
    cell: ({ row }) => (row.original.quota === null ? "—" : `${formatCount(row.original.cumulative)} of ${formatCount(row.original.quota)}`),
  },
  { accessorKey: "atQuota", header: "At quota", cell: ({ getValue }) => ((getValue() as boolean) ? "Yes" : "No") },
  { accessorKey: "overage", header: "Over quota", meta: { align: "right" }, cell: ({ getValue }) => formatCount(getValue() as number) },
];

/** Every day of the period: the chart's figures as a table. */
export function DaysTable({ days }: { days: DayRow[] }) {
  return <DataTable columns={dayColumns} data={days} caption="Requests per day" getRowId={(d) => d.day} rowTestId="day-row" />;
}

export interface KeyRow {
  id: string;
  name: string;
  status: string;
  requests: number;
}

const keyColumns: ColumnDef<KeyRow, unknown>[] = [
  { accessorKey: "name", header: "Key", meta: { rowHeader: true } },
  { accessorKey: "status", header: "Status", cell: ({ getValue }) => (getValue() as string).toLowerCase() },
  { accessorKey: "requests", header: "Requests", meta: { align: "right" }, cell: ({ getValue }) => formatCount(getValue() as number) },
];

/** Requests per key in the period (revoked keys included; no key values, ever). */
export function KeysTable({ keys }: { keys: KeyRow[] }) {
  return <DataTable columns={keyColumns} data={keys} caption="Requests per key" getRowId={(k) => k.id} rowTestId="key-row" empty="No keys." />;
}

interface AmountRow {
  id: string;
  item: string;
  detail: string;
  cents: number;
}

const amountColumns: ColumnDef<AmountRow, unknown>[] = [
  { accessorKey: "item", header: "Item", meta: { rowHeader: true } },
  { accessorKey: "detail", header: "How", meta: { className: "text-muted-foreground" } },
  { accessorKey: "cents", header: "Amount", meta: { align: "right" }, cell: ({ getValue }) => formatAmount(getValue() as number) },
];

function amountRows(lines: AmountLine[]): AmountRow[] {
  return lines.map((l, i) =>
    l.kind === "tier"
      ? {
          id: `t${i}`,
          item: `${l.tierName}, ${formatDay(l.from)} – ${formatDay(l.to)}`,
          detail: `${l.days} of ${l.daysInMonth} days × ${formatAmount(l.monthlyPriceCents)} / month`,
          cents: l.cents,
        }
      : {
          id: `o${i}`,
          item: `${l.tierName} overage`,
          detail: `${formatCount(l.requests)} requests × ${formatOveragePrice(l.centsPer1k)}`,
          cents: l.cents,
        },
  );
}

/** What the amount is made of: prorated tier lines, then overage per tier; the total in the footer. */
export function AmountTable({ lines, totalCents }: { lines: AmountLine[]; totalCents: number }) {
  return (
    <DataTable
      columns={amountColumns}
      data={amountRows(lines)}
      caption="Amount breakdown"
      getRowId={(r) => r.id}
      rowTestId="amount-row"
      empty="Nothing to charge."
      footer={
        <TableFooter>
          <TableRow className="hover:bg-transparent">
            <th scope="row" colSpan={2} className="px-4 py-3 text-left">
              Total
            </th>
            <TableCell className="text-right font-semibold tabular-nums" data-testid="amount-total">
              {formatAmount(totalCents)}
            </TableCell>
          </TableRow>
        </TableFooter>
      }
    />
  );
}
