"use client";

import { ArrowRight } from "lucide-react";
import { useState } from "react";
import { DecideForm } from "./decide-form";
import { Alert } from "@/components/ui/alert";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";

export interface RequestCard {
  id: string;
  customerName: string;
  company: string | null;
  fromTier: string;
  toTier: string;
  message: string | null;
  createdAt: string;
}

function columns(onDecided: (notice: string) => void): ColumnDef<RequestCard, unknown>[] {
  return [
    {
      accessorKey: "customerName",
      header: "Customer",
      meta: { rowHeader: true },
      cell: ({ row: { original: r } }) => (
        <div className="min-w-36">
          {r.customerName}
          {r.company ? <span className="block font-normal text-muted-foreground">{r.company}</span> : null}
        </div>
      ),
    },
    {
      id: "change",
      header: "Change",
      accessorFn: (r) => r.toTier,
      cell: ({ row: { original: r } }) => (
        <span className="inline-flex items-center gap-1 whitespace-nowrap">
          {r.fromTier}
          <span className="sr-only"> → </span>
          <ArrowRight className="size-3.5 text-muted-foreground" aria-hidden="true" />
          <strong>{r.toTier}</strong>
        </span>
      ),
    },
    {
      accessorKey: "message",
      header: "Message",
      enableSorting: false,
      cell: ({ getValue }) => {
        const message = getValue() as string | null;
        return message ? <blockquote className="min-w-48 max-w-sm border-l-2 pl-3 text-foreground/85">{message}</blockquote> : <span className="text-muted-foreground">—</span>;
      },
    },
    {
      accessorKey: "createdAt",
      header: "Requested",
      cell: ({ getValue }) => {
        const iso = getValue() as string;
        return (
          <time className="whitespace-nowrap text-muted-foreground" dateTime={iso}>
            {iso.slice(0, 16).replace("T", " ")} UTC
          </time>
        );
      },
    },
    {
      id: "decision",
      header: "Decision",
      enableSorting: false,
      cell: ({ row: { original: r } }) => <DecideForm requestId={r.id} customerName={r.customerName} onDecided={onDecided} />,
    },
  ];
}

/** The waiting requests; the outcome of the last decision stays on screen after its row leaves the list. */
export function RequestList({ requests }: { requests: RequestCard[] }) {
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <div aria-live="polite" className="mb-4 empty:hidden">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
      </div>
      <DataTable columns={columns(setNotice)} data={requests} caption="Waiting requests, oldest first" rowTestId="tier-request" getRowId={(r) => r.id} empty="No requests are waiting." />
    </>
  );
}
