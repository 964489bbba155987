"use client";

import { useState, useTransition } from "react";
import { endUserSessionsAction } from "../actions";
import { Button } from "@/components/ui/button";

/** "End sessions" for one user, after a confirmation: signs the user out on every device. */
export function EndSessionsButton({ userId, email }: { userId: string; email: string }) {
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);

  function endSessions() {
    startTransition(async () => {
      const result = await endUserSessionsAction(userId);
      setMessage(result.ok ? { tone: "success", text: result.data.message } : { tone: "error", text: result.error.message });
      setConfirming(false);
    });
  }

  return (
    <div className="space-y-1">
      {confirming ? (
        <div role="group" aria-label={`Confirm ending the sessions of ${email}`} className="flex flex-wrap items-center gap-2">
          <span className="text-slate-700">Sign {email} out everywhere?</span>
          <Button type="button" variant="danger" className="px-3 py-1.5" onClick={endSessions} disabled={pending} aria-busy={pending}>
            {pending ? "Ending…" : "Yes, end sessions"}
          </Button>
          <Button type="button" variant="secondary" className="px-3 py-1.5" onClick={() => setConfirming(false)} disabled={pending}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button type="button" variant="secondary" className="px-3 py-1.5" onClick={() => { setMessage(null); setConfirming(true); }}>
          End sessions
        </Button>
      )}
      <p aria-live="polite" className={message?.tone === "error" ? "text-red-700" : "text-emerald-800"}>
        {message?.text}
      </p>
    </div>
  );
}
