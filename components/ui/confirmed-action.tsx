"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export interface ActionOutcome {
  tone: "success" | "error";
  text: string;
  /** Whether the page's data changed (it is then fetched again). */
  refresh: boolean;
}

/**
 * A small outline button whose action runs after a confirmation dialog; the outcome is toasted and stays beside the
 * button (announced to screen readers).
 */
export function ConfirmedAction({
  trigger,
  triggerLabel,
  title,
  description,
  confirmLabel,
  pendingLabel,
  run,
}: {
  trigger: ReactNode;
  triggerLabel?: string;
  title: string;
  description: string;
  confirmLabel: string;
  pendingLabel: string;
  run: () => Promise<ActionOutcome>;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<Omit<ActionOutcome, "refresh"> | null>(null);

  async function confirm() {
    const outcome = await run();
    setMessage(outcome);
    if (outcome.tone === "success") toast.success(outcome.text);
    else toast.error(outcome.text);
    if (outcome.refresh) router.refresh();
  }

  return (
    <div className="space-y-1">
      <ConfirmDialog
        trigger={
          <Button type="button" variant="outline" size="sm" onClick={() => setMessage(null)} aria-label={triggerLabel}>
            {trigger}
          </Button>
        }
        title={title}
        description={description}
        confirmLabel={confirmLabel}
        pendingLabel={pendingLabel}
        onConfirm={confirm}
      />
      <p aria-live="polite" className={message?.tone === "error" ? "max-w-72 text-xs text-destructive" : "max-w-72 text-xs text-success"}>
        {message?.text}
      </p>
    </div>
  );
}
