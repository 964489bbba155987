"use client";

import { SnapshotProgress } from "./snapshot-progress";
import { Badge } from "@/components/ui/badge";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import type { SnapshotRunView } from "@/lib/usage-history/queries";

const statusBadge: Record<SnapshotRunView["status"], { label: string; variant: "info" | "success" | "danger" | "neutral" }> = {
  QUEUED: { label: "Queued", variant: "neutral" },
  RUNNING: { label: "Running", variant: "info" },
  SUCCEEDED: { label: "Done", variant: "success" },
  FAILED: { label: "Failed", variant: "danger" },
};

const time = (iso: string | null) =>
  iso ? (
    <time dateTime={iso} className="whitespace-nowrap">
      {iso.slice(0, 16).replace("T", " ")}
    </time>
  ) : (
    "—"
  );

const number = (n: number) => n.toLocaleString("en-US");

const columns: ColumnDef<SnapshotRunView, unknown>[] = [
  {
    id: "range",
    header: "Days",
    accessorFn: (r) => r.from,
    meta: { rowHeader: true },
    cell: ({ row: { original: r } }) => (
      <div className="min-w-32">
        <span className="whitespace-nowrap font-medium">{r.from === r.to ? r.from : `${r.from} – ${r.to}`}</span>
        <span className="block text-xs font-normal text-muted-foreground">{r.trigger === "MANUAL" ? `by ${r.createdByEmail ?? "staff"}` : "daily schedule"}</span>
      </div>
    ),
  },
  {
    accessorKey: "status",
    header: "Status",
    cell: ({ row: { original: r } }) => {
      const badge = statusBadge[r.status];
      const interrupted = r.status === "RUNNING" && !r.active;
      return (
        <div className="space-y-1">
          <Badge variant={interrupted ? "warning" : badge.variant}>{interrupted ? "Paused" : badge.label}</Badge>
          {interrupted ? <span className="block text-xs text-muted-foreground">resumes automatically</span> : null}
        </div>
      );
    },
  },
  {
    id: "progress",
    header: "Progress",
    enableSorting: false,
    cell: ({ row: { original: r } }) => <SnapshotProgress done={r.plansDone} total={r.plansTotal} label={`Progress of the snapshot ${r.from} to ${r.to}`} />,
  },
  { accessorKey: "pages", header: "Pages", meta: { align: "right" }, cell: ({ getValue }) => number(getValue() as number) },
  {
    accessorKey: "rowsStored",
    header: "Rows stored",
    meta: { align: "right" },
    cell: ({ row: { original: r } }) => (
      <div>
        <span className="tabular-nums">{number(r.rowsStored)}</span>
        <span className="block text-xs text-muted-foreground">
          {number(r.getUsageCalls)} call{r.getUsageCalls === 1 ? "" : "s"}
          {r.retries ? `, ${number(r.retries)} retried` : ""}
        </span>
      </div>
    ),
  },
  {
    accessorKey: "keysSkipped",
    header: "Keys not in the portal",
    meta: { align: "right" },
    cell: ({ getValue }) => number(getValue() as number),
  },
  {
    id: "when",
    header: "Started / finished (UTC)",
    accessorFn: (r) => r.startedAt ?? r.createdAt,
    cell: ({ row: { original: r } }) => (
      <div className="text-xs">
        {time(r.startedAt ?? r.createdAt)}
        <span className="block text-muted-foreground">{r.finishedAt ? time(r.finishedAt) : "—"}</span>
      </div>
    ),
  },
  {
    accessorKey: "lastError",
    header: "Note",
    enableSorting: false,
    cell: ({ getValue }) => {
      const note = getValue() as string | null;
      return note ? (
        <span className="line-clamp-2 min-w-40 max-w-xs break-words text-xs text-muted-foreground" title={note}>
          {note}
        </span>
      ) : (
        <span className="text-muted-foreground">—</span>
      );
    },
  },
];

export function SnapshotRunsTable({ rows }: { rows: SnapshotRunView[] }) {
  return <DataTable columns={columns} data={rows} caption="Usage snapshot runs, newest first" rowTestId="snapshot-run" getRowId={(r) => r.id} empty="No snapshots yet. The worker takes the first one when it starts." />;
}
