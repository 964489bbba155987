"use client";

import { Eraser, KeyRound } from "lucide-react";
import { toast } from "sonner";
import { flushAuthorizersCacheAction, flushStageCacheAction } from "../actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export interface StageTargetView {
  api: string;
  stage: string;
  apiName: string;
}

const STATUS_TONE: Record<string, "success" | "warning" | "neutral" | "danger"> = {
  AVAILABLE: "success",
  CREATE_IN_PROGRESS: "warning",
  FLUSH_IN_PROGRESS: "warning",
  DELETE_IN_PROGRESS: "warning",
  NOT_AVAILABLE: "neutral",
};

/** The stage's cache cluster (enabled, size, status) and the two flushes, each confirmed by naming API and stage. */
export function CacheClusterCard({ target, cluster }: { target: StageTargetView; cluster: { enabled: boolean; size: string | null; status: string } }) {
  const where = `${target.apiName} (${target.api}), stage ${target.stage}`;

  async function flush(kind: "data" | "authorizers") {
    const action = kind === "data" ? flushStageCacheAction : flushAuthorizersCacheAction;
    const result = await action({ api: target.api, stage: target.stage });
    if (result.ok) toast.success(kind === "data" ? `Stage cache flushed for ${where}.` : `Authorizer cache flushed for ${where}.`);
    else toast.error(result.error.message);
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Stage cache</CardTitle>
        <CardDescription>API Gateway&apos;s response cache for this stage, and the cache of authorizer results.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <dl className="grid grid-cols-3 gap-2 text-sm sm:gap-3">
          <div className="min-w-0 rounded-md border bg-muted/40 p-2 sm:p-3">
            <dt className="text-muted-foreground">Cluster</dt>
            <dd className="mt-1 font-medium" data-testid="cache-enabled">
              {cluster.enabled ? "Enabled" : "Disabled"}
            </dd>
          </div>
          <div className="min-w-0 rounded-md border bg-muted/40 p-2 sm:p-3">
            <dt className="text-muted-foreground">Size</dt>
            <dd className="mt-1 font-medium" data-testid="cache-size">
              {cluster.size ? `${cluster.size} GB` : "—"}
            </dd>
          </div>
          <div className="min-w-0 rounded-md border bg-muted/40 p-2 sm:p-3">
            <dt className="text-muted-foreground">Status</dt>
            <dd className="mt-1">
              <Badge tone={STATUS_TONE[cluster.status] ?? "neutral"} data-testid="cache-status">
                {cluster.status.replace(/_/g, " ").toLowerCase()}
              </Badge>
            </dd>
          </div>
        </dl>
        <div className="flex flex-wrap gap-2">
          <ConfirmDialog
            trigger={
              <Button variant="outline" disabled={!cluster.enabled} title={cluster.enabled ? undefined : "The stage has no cache cluster"}>
                <Eraser aria-hidden="true" /> Flush stage cache
              </Button>
            }
            title={`Flush the stage cache of ${target.apiName}, stage ${target.stage}?`}
            description={`Every cached response of ${where} is dropped. The next requests go to the backend until the cache fills again, so latency and backend load rise for a while.`}
            confirmLabel="Flush stage cache"
            pendingLabel="Flushing…"
            destructive
            onConfirm={() => flush("data")}
          />
          <ConfirmDialog
            trigger={
              <Button variant="outline">
                <KeyRound aria-hidden="true" /> Flush authorizer cache
              </Button>
            }
            title={`Flush the authorizer cache of ${target.apiName}, stage ${target.stage}?`}
            description={`Cached authorizer decisions of ${where} are dropped: the next request of every caller is authorized again by the authorizer.`}
            confirmLabel="Flush authorizer cache"
            pendingLabel="Flushing…"
            destructive
            onConfirm={() => flush("authorizers")}
          />
        </div>
      </CardContent>
    </Card>
  );
}
