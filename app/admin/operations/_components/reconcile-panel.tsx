"use client";

import { RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { reconcileNowAction, type ReconcileSummary } from "../actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** "Reconcile now" and the report of what the run repaired. */
export function ReconcilePanel({ last }: { last: string | null }) {
  const router = useRouter();
  const [summary, setSummary] = useState<ReconcileSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setError(null);
    const result = await reconcileNowAction();
    if (!result.ok) {
      setError(result.error.message);
      toast.error(result.error.message);
      return;
    }
    setSummary(result.data);
    const text = result.data.repaired === 0 ? "Reconciled: AWS and the portal agree, nothing to repair." : `Reconciled: ${result.data.repaired} repair${result.data.repaired === 1 ? "" : "s"} made.`;
    toast.success(text);
    router.refresh();
  }

  return (
    <section aria-labelledby="reconcile-heading" className="mb-6 rounded-lg border bg-card p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 max-w-prose">
          <h2 id="reconcile-heading" className="font-semibold">
            Reconcile with AWS
          </h2>
          <p className="mt-1 text-sm text-muted-foreground">
            The worker compares every key in AWS with the portal&apos;s records every 10 minutes and repairs drift. Run it now after a change made in the AWS console.
            {last ? <span className="mt-1 block">Last run from here: {last}</span> : null}
          </p>
        </div>
        <ConfirmDialog
          trigger={
            <Button type="button">
              <RefreshCw aria-hidden="true" /> Reconcile now
            </Button>
          }
          title="Reconcile the portal with AWS now?"
          description="Keys in AWS with the portal's prefix but no live record are deleted, records whose AWS key is gone are marked revoked, and enabled flags and usage-plan memberships are set to what the records say. Customers with an operation in flight are left alone."
          confirmLabel="Reconcile now"
          pendingLabel="Reconciling…"
          onConfirm={run}
        />
      </div>
      <div aria-live="polite" className="empty:hidden">
        {error ? (
          <Alert tone="error" className="mt-4">
            {error}
          </Alert>
        ) : null}
        {summary ? (
          <div className="mt-4" data-testid="reconcile-report">
            <Alert tone={summary.errors.length ? "warning" : "success"} title={summary.repaired === 0 ? "Nothing to repair: AWS and the portal agree." : `${summary.repaired} repair${summary.repaired === 1 ? "" : "s"} made.`}>
              Finished {summary.finishedAt.slice(0, 19).replace("T", " ")} UTC.
            </Alert>
            <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
              {summary.lines.map((line) => (
                <div key={line.label} className="flex justify-between gap-4 border-b py-1">
                  <dt className={line.repair ? "" : "text-muted-foreground"}>{line.label}</dt>
                  <dd className="font-medium tabular-nums">{line.count}</dd>
                </div>
              ))}
            </dl>
            {summary.errors.length ? (
              <div className="mt-3 text-sm">
                <p className="font-medium">Not repaired this time (the next run tries again):</p>
                <ul className="mt-1 list-disc space-y-0.5 pl-5 text-muted-foreground">
                  {summary.errors.map((e) => (
                    <li key={e} className="break-words">
                      {e}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
