"use client";

import Link from "next/link";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { TableCell, TableFooter, TableRow } from "@/components/ui/table";
import { formatAmount, formatDay, formatShare } from "@/lib/format/billing";
import { formatQuota } from "@/lib/format/tier";
import { formatCount } from "@/lib/format/usage";

export interface ReportTableRow {
  customerId: string;
  name: string;
  company: string | null;
  status: "ACTIVE" | "SUSPENDED" | "DELETED";
  spans: { tierName: string; from: string; to: string; days: number }[];
  tierName: string | null;
  requests: number;
  quota: number | null;
  quotaPeriod: "DAY" | "WEEK" | "MONTH" | null;
  percentUsed: number | null;
  daysAtQuota: number;
  overageRequests: number;
  priceCents: number;
  overageCents: number;
  amountCents: number;
}

export interface ReportTableTotals {
  customers: number;
  requests: number;
  daysAtQuota: number;
  overageRequests: number;
  priceCents: number;
  overageCents: number;
  amountCents: number;
}

const STATUS_NOTE = { ACTIVE: null, SUSPENDED: "suspended", DELETED: "deleted" } as const;

function columns(rangeQuery: string): ColumnDef<ReportTableRow, unknown>[] {
  return [
    {
      id: "name",
      accessorKey: "name",
      header: "Customer",
      meta: { rowHeader: true, className: "min-w-[12rem]" },
      cell: ({ row }) => (
        <div className="space-y-0.5">
          <Link href={`/billing/report/${encodeURIComponent(row.original.customerId)}?${rangeQuery}`} className="text-primary underline-offset-4 hover:underline">
            {row.original.name}
          </Link>
          {row.original.company || STATUS_NOTE[row.original.status] ? (
            <div className="text-xs font-normal text-muted-foreground">
              {[row.original.company, STATUS_NOTE[row.original.status]].filter(Boolean).join(" · ")}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      id: "tier",
      accessorKey: "tierName",
      header: "Tier",
      meta: { className: "min-w-[9rem]" },
      cell: ({ row }) =>
        row.original.spans.length === 0 ? (
          <span className="text-muted-foreground">{row.original.tierName ?? "None"}</span>
        ) : (
          <ul className="space-y-0.5">
            {row.original.spans.map((s) => (
              <li key={`${s.tierName}-${s.from}`}>
                {s.tierName}
                {row.original.spans.length > 1 ? (
                  <span className="block text-xs text-muted-foreground">
                    {formatDay(s.from)} – {formatDay(s.to)} ({s.days} {s.days === 1 ? "day" : "days"})
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        ),
    },
    { id: "requests", accessorKey: "requests", header: "Requests", meta: { align: "right" }, cell: ({ row }) => formatCount(row.original.requests) },
    {
      id: "quota",
      accessorKey: "quota",
      header: "Pooled quota",
      meta: { align: "right", className: "whitespace-nowrap" },
      cell: ({ row }) => (row.original.quota === null ? "None" : formatQuota(row.original.quota, row.original.quotaPeriod).replace(" requests", "")),
    },
    { id: "percent", accessorKey: "percentUsed", header: "Peak % used", meta: { align: "right" }, cell: ({ row }) => formatShare(row.original.percentUsed) },
    { id: "daysAtQuota", accessorKey: "daysAtQuota", header: "Days at quota", meta: { align: "right" } },
    { id: "overageRequests", accessorKey: "overageRequests", header: "Overage requests", meta: { align: "right" }, cell: ({ row }) => formatCount(row.original.overageRequests) },
    { id: "price", accessorKey: "priceCents", header: "Tier price", meta: { align: "right" }, cell: ({ row }) => formatAmount(row.original.priceCents) },
    { id: "overage", accessorKey: "overageCents", header: "Overage", meta: { align: "right" }, cell: ({ row }) => formatAmount(row.original.overageCents) },
    {
      id: "amount",
      accessorKey: "amountCents",
      header: "Amount",
      meta: { align: "right" },
      cell: ({ row }) => <span className="font-medium">{formatAmount(row.original.amountCents)}</span>,
    },
  ];
}

/**
 * The period report's rows (one page, sorted and filtered by the server): sortable headers are links that keep the
 * URL's range and filters; the footer carries the totals of every customer the filters match, not just this page.
 */
export function ReportTable({
  rows,
  totals,
  sort,
  dir,
  baseQuery,
  rangeQuery,
  filtered,
}: {
  rows: ReportTableRow[];
  totals: ReportTableTotals;
  sort: string;
  dir: "asc" | "desc";
  /** The URL's state without sort, dir and page (already encoded). */
  baseQuery: string;
  /** Just the range (month, or from and to), for the drill-down links. */
  rangeQuery: string;
  filtered: boolean;
}) {
  const href = (column: string, direction: "asc" | "desc") => `/billing?${baseQuery}${baseQuery ? "&" : ""}sort=${column}&dir=${direction}`;
  return (
    <DataTable
      columns={columns(rangeQuery)}
      data={rows}
      caption="Customers in the period"
      getRowId={(r) => r.customerId}
      rowTestId="report-row"
      serverSort={{ column: sort, dir, href }}
      empty={filtered ? "No customer matches these filters." : "No customer held a tier or used the API in this period."}
      footer={
        rows.length > 0 ? (
          <TableFooter>
            <TableRow className="hover:bg-transparent" data-testid="report-totals">
              <th scope="row" colSpan={2} className="px-4 py-3 text-left">
                Total ({formatCount(totals.customers)} {totals.customers === 1 ? "customer" : "customers"})
              </th>
              <TableCell className="text-right tabular-nums">{formatCount(totals.requests)}</TableCell>
              <TableCell />
              <TableCell />
              <TableCell className="text-right tabular-nums">{formatCount(totals.daysAtQuota)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatCount(totals.overageRequests)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatAmount(totals.priceCents)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatAmount(totals.overageCents)}</TableCell>
              <TableCell className="text-right tabular-nums font-semibold">{formatAmount(totals.amountCents)}</TableCell>
            </TableRow>
          </TableFooter>
        ) : null
      }
    />
  );
}
