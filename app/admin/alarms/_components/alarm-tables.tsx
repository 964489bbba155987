"use client";

import { AlarmStateBadge } from "@/components/admin/alarm-state-badge";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { formatUtc, type AlarmStateName } from "@/lib/alarms/format";

/** One alarm as the page shows it (plain data). */
export interface AlarmRow {
  name: string;
  state: AlarmStateName;
  reason: string;
  /** "Sum of 4XXError > 100 for 2 periods of 5 minutes" */
  rule: string;
  /** ISO 8601 or null */
  stateUpdatedAt: string | null;
  description: string | null;
}

export interface HistoryRow {
  id: string;
  alarmName: string;
  /** ISO 8601 */
  at: string;
  type: string;
  summary: string;
}

const stateOrder: Record<AlarmStateName, number> = { ALARM: 0, INSUFFICIENT_DATA: 1, OK: 2 };

const alarmColumns: ColumnDef<AlarmRow, unknown>[] = [
  {
    accessorKey: "name",
    header: "Alarm",
    meta: { rowHeader: true },
    cell: ({ row: { original: a } }) => (
      <div className="min-w-48 max-w-80">
        <span className="block break-words font-medium">{a.name}</span>
        <span className="block text-xs font-normal text-muted-foreground">{a.rule}</span>
      </div>
    ),
  },
  {
    accessorKey: "state",
    header: "State",
    cell: ({ row: { original: a } }) => <AlarmStateBadge state={a.state} />,
    sortingFn: (x, y) => stateOrder[x.original.state] - stateOrder[y.original.state],
  },
  {
    accessorKey: "reason",
    header: "Reason",
    enableSorting: false,
    cell: ({ getValue }) => <p className="min-w-64 max-w-xl text-sm break-words whitespace-normal">{(getValue() as string) || "—"}</p>,
  },
  {
    accessorKey: "stateUpdatedAt",
    header: "State since",
    cell: ({ getValue }) => {
      const iso = getValue() as string | null;
      return iso ? (
        <time dateTime={iso} className="whitespace-nowrap">
          {formatUtc(iso)}
        </time>
      ) : (
        "—"
      );
    },
  },
];

export function AlarmsTable({ rows, where }: { rows: AlarmRow[]; where: string }) {
  return (
    <DataTable
      columns={alarmColumns}
      data={rows}
      caption={`CloudWatch alarms on ${where}`}
      rowTestId="alarm-row"
      getRowId={(a) => a.name}
      filter={rows.length > 5 ? { label: "Filter alarms", placeholder: "Filter alarms" } : undefined}
      pageSize={25}
      empty={`No CloudWatch alarm watches ${where} yet. Create the recommended alarms above.`}
    />
  );
}

const historyColumns: ColumnDef<HistoryRow, unknown>[] = [
  {
    accessorKey: "at",
    header: "When",
    cell: ({ getValue }) => (
      <time dateTime={getValue() as string} className="whitespace-nowrap">
        {formatUtc(getValue() as string)}
      </time>
    ),
  },
  { accessorKey: "alarmName", header: "Alarm", cell: ({ getValue }) => <span className="break-words">{getValue() as string}</span> },
  {
    accessorKey: "type",
    header: "Change",
    cell: ({ getValue }) => ((getValue() as string) === "StateUpdate" ? "State" : (getValue() as string) === "ConfigurationUpdate" ? "Settings" : (getValue() as string)),
  },
  { accessorKey: "summary", header: "What happened", enableSorting: false, cell: ({ getValue }) => <span className="min-w-56 break-words whitespace-normal">{getValue() as string}</span> },
];

export function HistoryTable({ rows }: { rows: HistoryRow[] }) {
  return (
    <DataTable
      columns={historyColumns}
      data={rows}
      caption="Recent alarm history, newest first"
      rowTestId="alarm-history-row"
      getRowId={(h) => h.id}
      pageSize={20}
      empty="No history yet."
    />
  );
}
