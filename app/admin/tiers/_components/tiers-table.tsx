"use client";

import { RetireDialog } from "./retire-dialog";
import { TierDialog } from "./tier-form";
import { Badge } from "@/components/ui/badge";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import type { TierSettings } from "@/lib/tiers/admin-plan";
import type { TierActivity } from "@/lib/tiers/admin-queries";
import { formatPrice, formatQuota } from "@/lib/format/tier";

/** One tier as the admin table shows it (plain data from the page). */
export interface TierRow {
  id: string;
  slug: string;
  usagePlanId: string;
  settings: TierSettings;
  available: boolean;
  retired: boolean;
  planMissing: boolean;
  customers: number;
  activity: TierActivity[];
  /** The tiers its customers can move to when it is retired, and the stage's name (for the dialogs). */
  retireTargets: { id: string; name: string }[];
  stage: string;
}

const statusTone = { queued: "info", running: "warning", succeeded: "success", failed: "danger" } as const;
const statusLabel = { queued: "Queued", running: "Running", succeeded: "Done", failed: "Failed" } as const;

const utcTime = (iso: string) => `${iso.slice(11, 19)} UTC`;

export function ActivityList({ items }: { items: TierActivity[] }) {
  if (items.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <ul className="min-w-52 space-y-1.5">
      {items.slice(0, 3).map((a) => (
        <li key={a.id} className="text-xs" data-testid="tier-activity">
          <Badge tone={statusTone[a.status]}>{statusLabel[a.status]}</Badge>{" "}
          <span>{a.detail}</span>
          {a.status === "queued" && a.position !== null ? (
            <span className="block text-xs text-muted-foreground">
              #{a.position} in line for AWS · runs at <time dateTime={a.runAfter}>{utcTime(a.runAfter)}</time>
            </span>
          ) : null}
          {a.finishedAt ? (
            <span className="block text-xs text-muted-foreground">
              at <time dateTime={a.finishedAt}>{utcTime(a.finishedAt)}</time>
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

// Module-level columns: cells keep their identity across refreshes, so an open dialog in a row stays open.
const columns: ColumnDef<TierRow, unknown>[] = [
    {
      id: "tier",
      header: "Tier",
      accessorFn: (t) => t.settings.name,
      meta: { rowHeader: true },
      cell: ({ row: { original: t } }) => (
        <div className="min-w-36 space-y-1">
          <span className="font-medium">{t.settings.name}</span>
          <span className="block font-mono text-xs text-muted-foreground">{t.usagePlanId}</span>
          <div className="flex flex-wrap gap-1">
            {t.retired ? null : t.settings.visibility === "APPROVAL" ? <Badge tone="info">Approval only</Badge> : <Badge tone="success">Public</Badge>}
            {t.retired ? <Badge tone="neutral">Retired</Badge> : !t.available ? <Badge tone="warning">Not on offer</Badge> : null}
            {t.planMissing ? <Badge tone="danger">Plan missing in AWS</Badge> : null}
          </div>
        </div>
      ),
    },
    {
      id: "limits",
      header: "Limits",
      accessorFn: (t) => t.settings.rateLimit,
      cell: ({ row: { original: t } }) => (
        <div className="whitespace-nowrap">
          <span className="block">
            {t.settings.rateLimit.toLocaleString("en-US")} req/s, burst {t.settings.burstLimit.toLocaleString("en-US")}
          </span>
          <span className="block text-muted-foreground">{formatQuota(t.settings.quotaLimit, t.settings.quotaPeriod)}</span>
        </div>
      ),
    },
    { id: "price", header: "Price", accessorFn: (t) => t.settings.monthlyPriceCents, cell: ({ row: { original: t } }) => <span className="whitespace-nowrap">{formatPrice(t.settings.monthlyPriceCents)}</span> },
    { id: "maxKeys", header: "Keys", accessorFn: (t) => t.settings.maxKeys, meta: { align: "right" } },
    { id: "customers", header: "Customers", accessorFn: (t) => t.customers, meta: { align: "right" } },
    {
      id: "actions",
      header: "Actions",
      enableSorting: false,
      cell: ({ row: { original: t } }) =>
        t.available ? (
          <div className="flex flex-col gap-2">
            <TierDialog tier={{ id: t.id, settings: t.settings }} stage={t.stage} />
            <RetireDialog tier={{ id: t.id, name: t.settings.name }} customers={t.customers} others={t.retireTargets} stage={t.stage} />
          </div>
        ) : (
          <span className="text-muted-foreground">—</span>
        ),
    },
    { id: "progress", header: "Changes", enableSorting: false, accessorFn: (t) => t.activity.map((a) => a.detail).join(" "), cell: ({ row: { original: t } }) => <ActivityList items={t.activity} /> },
];

export function TiersTable({ rows }: { rows: TierRow[] }) {
  return <DataTable columns={columns} data={rows} caption="Tiers" rowTestId="tier-row" getRowId={(t) => t.id} empty="No tiers yet." />;
}
