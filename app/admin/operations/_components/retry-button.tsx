"use client";

import { RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { retryOperationAction } from "../actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** "Retry" for a failed operation, after a confirmation naming it; the outcome stays beside the button and is toasted. */
export function RetryButton({ operationId, what }: { operationId: string; what: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);

  async function retry() {
    const result = await retryOperationAction(operationId);
    if (result.ok) {
      const good = result.data.outcome !== "failed";
      setMessage({ tone: good ? "success" : "error", text: result.data.message });
      if (good) toast.success(result.data.message);
      else toast.error(result.data.message);
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
          <Button type="button" variant="outline" size="sm" onClick={() => setMessage(null)}>
            <RotateCcw aria-hidden="true" /> Retry
          </Button>
        }
        title={`Retry ${what}?`}
        description="It runs again from the steps it had saved: what already happened in AWS is not repeated, and it is compensated again if it cannot finish. The retry is recorded in the audit log."
        confirmLabel="Retry"
        pendingLabel="Retrying…"
        onConfirm={retry}
      />
      <p aria-live="polite" className={message?.tone === "error" ? "max-w-72 text-xs text-destructive" : "max-w-72 text-xs text-success"}>
        {message?.text}
      </p>
    </div>
  );
}
