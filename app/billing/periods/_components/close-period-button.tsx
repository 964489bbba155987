"use client";

import { Lock } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { closePeriodAction } from "../actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** "Close" for one month, after a confirmation that says what closing does; the outcome stays beside the button. */
export function ClosePeriodButton({ month, label, customers, total }: { month: string; label: string; customers: number; total: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);

  async function close() {
    const result = await closePeriodAction({ month });
    if (result.ok) {
      setMessage({ tone: "success", text: result.data.message });
      toast.success(result.data.message);
      router.refresh();
    } else {
      setMessage({ tone: "error", text: result.error.message });
      toast.error(result.error.message);
    }
  }

  return (
    <div className="space-y-1">
      <ConfirmDialog
        trigger={
          <Button type="button" variant="outline" size="sm" onClick={() => setMessage(null)} aria-label={`Close ${label}`}>
            <Lock aria-hidden="true" /> Close
          </Button>
        }
        title={`Close ${label}?`}
        description={`The figures of ${customers.toLocaleString("en-US")} ${customers === 1 ? "customer" : "customers"} (${total} today) are frozen as they are now. Closing cannot be undone: usage corrected later shows as adjustments beside the frozen figures, never as a silent change. Closing is recorded in the audit log.`}
        confirmLabel={`Close ${label}`}
        pendingLabel="Closing…"
        onConfirm={close}
      />
      <p aria-live="polite" className={message?.tone === "error" ? "max-w-72 text-xs text-destructive" : "max-w-72 text-xs text-success"}>
        {message?.text}
      </p>
    </div>
  );
}
