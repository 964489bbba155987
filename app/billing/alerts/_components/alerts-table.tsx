"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";

/** One quota-threshold crossing as billing's list shows it (plain data). */
export interface AlertListRow {
  id: string;
  customerId: string;
  customerName: string | null;
  customerCompany: string | null;
  customerDeleted: boolean;
  tierName: string | null;
  threshold: number;
  /** "1,000 of 1,000" */
  usedOfQuota: string;
  /** ISO 8601 */
  crossedAt: string;
  periodLabel: string;
  /** ISO 8601, or null while the e-mail is not out yet. */
  emailedAt: string | null;
  recipients: number;
  emailError: string | null;
}

const utc = (iso: string) => (
  <time dateTime={iso} className="whitespace-nowrap tabular-nums">
    {iso.slice(0, 16).replace("T", " ")}
  </time>
);

const columns: ColumnDef<AlertListRow, unknown>[] = [
  {
    id: "customer",
    header: "Customer",
    meta: { rowHeader: true },
    accessorFn: (r) => r.customerName ?? r.customerId,
    cell: ({ row: { original: r } }) => (
      <div className="min-w-40">
        {r.customerDeleted ? (
          <span>{r.customerName ?? r.customerId}</span>
        ) : (
          <Link href={`/billing/customers/${r.customerId}`} className="font-medium text-primary underline-offset-2 hover:underline">
            {r.customerName ?? r.customerId}
          </Link>
        )}
        {r.customerCompany ? <span className="block text-xs text-muted-foreground">{r.customerCompany}</span> : null}
        {r.customerDeleted ? <span className="block text-xs text-muted-foreground">deleted</span> : null}
      </div>
    ),
  },
  { accessorKey: "tierName", header: "Tier", cell: ({ getValue }) => (getValue() as string | null) ?? "—" },
  {
    accessorKey: "threshold",
    header: "Threshold",
    cell: ({ getValue }) => {
      const t = getValue() as number;
      return <Badge tone={t >= 100 ? "danger" : "warning"}>{t >= 100 ? "100% (quota used up)" : `${t}%`}</Badge>;
    },
  },
  { accessorKey: "usedOfQuota", header: "Used of quota at crossing", meta: { align: "right", className: "whitespace-nowrap" } },
  { accessorKey: "crossedAt", header: "Crossed at (UTC)", cell: ({ getValue }) => utc(getValue() as string) },
  { accessorKey: "periodLabel", header: "Quota period", meta: { className: "whitespace-nowrap" } },
  {
    id: "emailed",
    header: "E-mailed at (UTC)",
    accessorFn: (r) => r.emailedAt ?? "",
    cell: ({ row: { original: r } }) =>
      r.emailedAt ? (
        <div>
          {utc(r.emailedAt)}
          <span className="block text-xs text-muted-foreground">{r.recipients === 1 ? "1 recipient" : `${r.recipients} recipients`}</span>
        </div>
      ) : (
        <div className="min-w-32">
          <span>Not yet</span>
          {r.emailError ? <span className="block text-xs text-destructive">Last attempt failed; retried every minute</span> : null}
        </div>
      ),
  },
];

export function AlertsTable({ rows, filtered }: { rows: AlertListRow[]; filtered: boolean }) {
  return (
    <DataTable
      columns={columns}
      data={rows}
      caption="Quota threshold crossings"
      getRowId={(r) => r.id}
      rowTestId="quota-alert-row"
      empty={filtered ? "No customer crossed a quota threshold with these filters." : "No customer has reached 80% of its quota in its current period."}
    />
  );
}
