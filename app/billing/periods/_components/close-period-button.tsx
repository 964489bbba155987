"use client";

import { Lock } from "lucide-react";
import { closePeriodAction } from "../actions";
import { ConfirmedAction } from "@/components/ui/confirmed-action";

/** "Close" for one month, after a confirmation that says what closing does; the outcome stays beside the button. */
export function ClosePeriodButton({ month, label, customers, total }: { month: string; label: string; customers: number; total: string }) {
  return (
    <ConfirmedAction
      trigger={
        <>
          <Lock aria-hidden="true" /> Close
        </>
      }
      triggerLabel={`Close ${label}`}
      title={`Close ${label}?`}
      description={`The figures of ${customers.toLocaleString("en-US")} ${customers === 1 ? "customer" : "customers"} (${total} today) are frozen as they are now. Closing cannot be undone: usage corrected later shows as adjustments beside the frozen figures, never as a silent change. Closing is recorded in the audit log.`}
      confirmLabel={`Close ${label}`}
      pendingLabel="Closing…"
      run={async () => {
        const result = await closePeriodAction({ month });
        return result.ok
          ? { tone: "success", text: result.data.message, refresh: true }
          : { tone: "error", text: result.error.message, refresh: false };
      }}
    />
  );
}
