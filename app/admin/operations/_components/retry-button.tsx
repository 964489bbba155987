"use client";

import { RotateCcw } from "lucide-react";
import { retryOperationAction } from "../actions";
import { ConfirmedAction } from "@/components/ui/confirmed-action";

/** "Retry" for a failed operation, after a confirmation naming it; the outcome stays beside the button and is toasted. */
export function RetryButton({ operationId, what }: { operationId: string; what: string }) {
  return (
    <ConfirmedAction
      trigger={
        <>
          <RotateCcw aria-hidden="true" /> Retry
        </>
      }
      title={`Retry ${what}?`}
      description="It runs again from the steps it had saved: what already happened in AWS is not repeated, and it is compensated again if it cannot finish. The retry is recorded in the audit log."
      confirmLabel="Retry"
      pendingLabel="Retrying…"
      run={async () => {
        const result = await retryOperationAction(operationId);
        if (!result.ok) return { tone: "error", text: result.error.message, refresh: false };
        return { tone: result.data.outcome !== "failed" ? "success" : "error", text: result.data.message, refresh: true };
      }}
    />
  );
}
