"use client";

import { createContext, useContext } from "react";
import { AdoptDialog } from "./adopt-dialog";
import { Badge } from "@/components/ui/badge";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import type { AdoptionTier } from "@/lib/keys/adopt-keys";

export interface UnownedKeyRow {
  id: string;
  name: string;
  description: string | null;
  enabled: boolean;
  createdAt: string | null;
  plans: { id: string; name: string }[];
}

// The tiers reach the dialog through context, so the columns stay one constant: a column set rebuilt on each render
// would remount every cell (and close an open dialog) whenever the page refreshes.
const TiersContext = createContext<AdoptionTier[]>([]);

function AdoptCell({ row }: { row: UnownedKeyRow }) {
  return <AdoptDialog awsKey={{ id: row.id, name: row.name }} tiers={useContext(TiersContext)} />;
}

const columns: ColumnDef<UnownedKeyRow, unknown>[] = [
  {
    accessorKey: "name",
    header: "Name",
    meta: { rowHeader: true },
    cell: ({ row: { original: k } }) => (
      <div className="min-w-40 max-w-72">
        <span className="break-words">{k.name}</span>
        {k.description ? <span className="block break-words font-normal text-muted-foreground">{k.description}</span> : null}
        {/* On a phone the Adopt column is scrolled out of view: the action sits under the name instead. */}
        <div className="mt-2 sm:hidden">
          <AdoptCell row={k} />
        </div>
      </div>
    ),
  },
  {
    accessorKey: "id",
    header: "Key id",
    cell: ({ getValue }) => <code className="font-mono text-xs">{getValue() as string}</code>,
  },
  {
    accessorKey: "createdAt",
    header: "Created",
    cell: ({ getValue }) => {
      const iso = getValue() as string | null;
      return iso ? (
        <time className="whitespace-nowrap text-muted-foreground" dateTime={iso}>
          {iso.slice(0, 10)}
        </time>
      ) : (
        <span className="text-muted-foreground">—</span>
      );
    },
  },
  {
    accessorKey: "enabled",
    header: "State",
    cell: ({ getValue }) => (getValue() ? <Badge variant="success">Enabled</Badge> : <Badge variant="neutral">Disabled</Badge>),
  },
  {
    id: "plans",
    header: "Usage plans",
    accessorFn: (k) => k.plans.map((p) => p.name).join(", "),
    cell: ({ row: { original: k } }) =>
      k.plans.length ? (
        <ul className="min-w-28 space-y-0.5">
          {k.plans.map((p) => (
            <li key={p.id}>{p.name}</li>
          ))}
        </ul>
      ) : (
        <span className="text-muted-foreground">None</span>
      ),
  },
  {
    id: "adopt",
    header: "Adopt",
    enableSorting: false,
    cell: ({ row: { original: k } }) => (
      <div className="hidden sm:block">
        <AdoptCell row={k} />
      </div>
    ),
  },
];

export function UnownedKeysTable({ rows, tiers, query }: { rows: UnownedKeyRow[]; tiers: AdoptionTier[]; query: string }) {
  return (
    <TiersContext value={tiers}>
      <DataTable
        columns={columns}
        data={rows}
        caption="API keys in the account that the portal does not own, newest first"
        rowTestId="unowned-key"
        getRowId={(k) => k.id}
        empty={query ? `No key outside the portal matches “${query}”.` : "Every API key in the account belongs to the portal."}
      />
    </TiersContext>
  );
}
