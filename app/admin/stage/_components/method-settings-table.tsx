"use client";

import { Pencil, RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { resetMethodSettingAction } from "../actions";
import type { StageTargetView } from "./cache-cluster-card";
import { SettingsEditor } from "./settings-editor";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, type ColumnDef } from "@/components/ui/data-table";
import { describeTarget, STAGE_DEFAULT_KEY, STRATEGY_LABELS, type CacheControlStrategy } from "@/lib/stage/method-settings";
import type { MethodSettingRow } from "@/lib/stage/queries";

const number = (n: number) => n.toLocaleString("en-US");

/** How an unauthorized Cache-Control: max-age=0 is treated, in a few words for the table. */
const STRATEGY_SHORT: Record<CacheControlStrategy, string> = {
  FAIL_WITH_403: "403",
  SUCCEED_WITH_RESPONSE_HEADER: "ignored + warning",
  SUCCEED_WITHOUT_RESPONSE_HEADER: "ignored",
};

/** The stage default and every method, with their throttling and caching (own or inherited), each editable. */
export function MethodSettingsTable({ target, rows }: { target: StageTargetView; rows: MethodSettingRow[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState<MethodSettingRow | null>(null);

  async function reset(row: MethodSettingRow) {
    const result = await resetMethodSettingAction({ api: target.api, stage: target.stage, target: row.key });
    if (result.ok) {
      toast.success(result.data.message, { description: `${target.apiName} (${target.api}), stage ${target.stage}` });
      router.refresh();
    } else toast.error(result.error.message);
  }

  const columns: ColumnDef<MethodSettingRow, unknown>[] = [
    {
      id: "method",
      header: "Method",
      accessorFn: (r) => (r.key === STAGE_DEFAULT_KEY ? "" : `${r.resourcePath} ${r.httpMethod}`),
      meta: { rowHeader: true },
      cell: ({ row: { original: r } }) => (
        <span className="flex flex-col items-start gap-1">
          {r.key === STAGE_DEFAULT_KEY ? (
            <span className="font-medium">Stage default</span>
          ) : (
            <span className="whitespace-nowrap font-mono text-xs">
              <span className="font-semibold">{r.httpMethod}</span> {r.resourcePath}
            </span>
          )}
          {r.key === STAGE_DEFAULT_KEY ? (
            <Badge tone="info">all methods</Badge>
          ) : r.overridden ? (
            <Badge tone="warning">own settings</Badge>
          ) : (
            <Badge tone="neutral">inherited</Badge>
          )}
        </span>
      ),
    },
    { id: "rate", header: "Rate /s", accessorFn: (r) => r.effective.throttlingRateLimit, cell: ({ getValue }) => number(getValue() as number), meta: { align: "right" } },
    { id: "burst", header: "Burst", accessorFn: (r) => r.effective.throttlingBurstLimit, cell: ({ getValue }) => number(getValue() as number), meta: { align: "right" } },
    {
      id: "caching",
      header: "Cache",
      accessorFn: (r) => (r.effective.cachingEnabled ? "on" : "off"),
      cell: ({ row: { original: r } }) => (
        <span className="flex flex-col items-start gap-0.5">
          <Badge tone={r.effective.cachingEnabled ? "success" : "neutral"}>{r.effective.cachingEnabled ? "on" : "off"}</Badge>
          {r.effective.cacheDataEncrypted ? <span className="text-xs text-muted-foreground">encrypted</span> : null}
        </span>
      ),
    },
    {
      id: "ttl",
      header: "TTL (s)",
      accessorFn: (r) => (r.effective.cachingEnabled ? r.effective.cacheTtlInSeconds : -1),
      cell: ({ row: { original: r } }) => (r.effective.cachingEnabled ? number(r.effective.cacheTtlInSeconds) : <span className="text-muted-foreground">—</span>),
      meta: { align: "right" },
    },
    {
      id: "cacheControl",
      header: "Invalidation",
      accessorFn: (r) => (r.effective.requireAuthorizationForCacheControl ? "authorized" : "anyone"),
      cell: ({ row: { original: r } }) => (
        <span className="block min-w-28 text-xs" title={r.effective.requireAuthorizationForCacheControl ? `Unauthorized requests: ${STRATEGY_LABELS[r.effective.unauthorizedCacheControlHeaderStrategy]}` : undefined}>
          {r.effective.requireAuthorizationForCacheControl ? "Authorized only" : "Anyone"}
          {r.effective.requireAuthorizationForCacheControl ? (
            <span className="block text-muted-foreground">else {STRATEGY_SHORT[r.effective.unauthorizedCacheControlHeaderStrategy]}</span>
          ) : null}
        </span>
      ),
    },
    {
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      enableSorting: false,
      cell: ({ row: { original: r } }) => (
        <div className="flex justify-end gap-1 whitespace-nowrap">
          <Button variant="outline" size="sm" onClick={() => setEditing(r)} aria-label={`Edit ${describeTarget(r.key)}`}>
            <Pencil aria-hidden="true" /> Edit
          </Button>
          {r.key !== STAGE_DEFAULT_KEY && r.overridden ? (
            <ConfirmDialog
              trigger={
                <Button variant="ghost" size="icon-sm" aria-label={`Reset ${describeTarget(r.key)} to the stage default`} title="Reset to the stage default">
                  <RotateCcw aria-hidden="true" />
                </Button>
              }
              title={`Reset ${describeTarget(r.key)} to the stage default?`}
              description={`Its own throttling and caching settings on ${target.apiName} (${target.api}), stage ${target.stage} are removed (UpdateStage: remove /${r.key}); it then follows the stage default.`}
              confirmLabel="Reset to stage default"
              pendingLabel="Resetting…"
              onConfirm={() => reset(r)}
            />
          ) : null}
        </div>
      ),
    },
  ];

  return (
    <>
      <DataTable columns={columns} data={rows} caption="Throttling and caching per method" getRowId={(r) => r.key} rowTestId="method-setting-row" />
      <SettingsEditor
        target={target}
        row={editing}
        onClose={() => setEditing(null)}
        onApplied={(message) => {
          setEditing(null);
          toast.success(message, { description: `${target.apiName} (${target.api}), stage ${target.stage}` });
          router.refresh();
        }}
      />
    </>
  );
}
