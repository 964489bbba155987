"use client";

import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { formatCount, formatMs, formatRate } from "@/lib/metrics/format";
import type { MethodRow } from "@/lib/metrics/overview-series";

const num = (v: unknown) => (typeof v === "number" ? v : -1);

const columns: ColumnDef<MethodRow, unknown>[] = [
  {
    id: "method",
    header: "Method",
    accessorFn: (r) => `${r.method} ${r.resource}`,
    meta: { rowHeader: true },
    cell: ({ row: { original: r } }) => (
      <span className="whitespace-nowrap font-mono text-xs">
        <span className="font-semibold">{r.method}</span> {r.resource}
      </span>
    ),
  },
  { accessorKey: "requests", header: "Requests", meta: { align: "right" }, cell: ({ getValue }) => formatCount(getValue() as number) },
  { accessorKey: "rate4xx", header: "4XX", meta: { align: "right" }, sortingFn: (a, b) => num(a.original.rate4xx) - num(b.original.rate4xx), cell: ({ getValue }) => formatRate(getValue() as number | null) },
  { accessorKey: "rate5xx", header: "5XX", meta: { align: "right" }, sortingFn: (a, b) => num(a.original.rate5xx) - num(b.original.rate5xx), cell: ({ getValue }) => formatRate(getValue() as number | null) },
  { accessorKey: "latencyAvg", header: "Latency avg", meta: { align: "right" }, sortingFn: (a, b) => num(a.original.latencyAvg) - num(b.original.latencyAvg), cell: ({ getValue }) => formatMs(getValue() as number | null) },
  { accessorKey: "latencyP99", header: "p99", meta: { align: "right" }, sortingFn: (a, b) => num(a.original.latencyP99) - num(b.original.latencyP99), cell: ({ getValue }) => formatMs(getValue() as number | null) },
  { accessorKey: "hitRatio", header: "Cache hits", meta: { align: "right" }, sortingFn: (a, b) => num(a.original.hitRatio) - num(b.original.hitRatio), cell: ({ getValue }) => formatRate(getValue() as number | null) },
];

export function MethodTable({ rows }: { rows: MethodRow[] }) {
  return (
    <DataTable
      columns={columns}
      data={rows}
      caption="Requests, errors, latency and cache hits per method"
      rowTestId="method-row"
      getRowId={(r) => `${r.method} ${r.resource}`}
      empty="This API has no methods."
    />
  );
}
