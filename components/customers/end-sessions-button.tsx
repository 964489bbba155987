"use client";

import { LogOut } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { Result } from "@/lib/result";

/** The server action that ends one user's sessions (app/admin/customers/actions.ts), handed down by an admin page. */
export type EndSessions = (userId: string) => Promise<Result<{ message: string }>>;

/** "End sessions" for one user, after a confirmation that says what will happen: signs the user out on every device. */
export function EndSessionsButton({ userId, email, action }: { userId: string; email: string; action: EndSessions }) {
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);

  async function endSessions() {
    const result = await action(userId);
    // The outcome stays beside the row it concerns (announced politely), rather than in a toast that repeats it.
    setMessage(result.ok ? { tone: "success", text: result.data.message } : { tone: "error", text: result.error.message });
  }

  return (
    <div className="space-y-1">
      <ConfirmDialog
        trigger={
          <Button type="button" variant="outline" size="sm" onClick={() => setMessage(null)}>
            <LogOut aria-hidden="true" /> End sessions
          </Button>
        }
        title={`End every session of ${email}?`}
        description={`Sign ${email} out everywhere: every browser and device they are signed in on must sign in again. Their API keys keep working.`}
        confirmLabel="End sessions"
        pendingLabel="Ending…"
        destructive
        onConfirm={endSessions}
      />
      <p aria-live="polite" className={message?.tone === "error" ? "text-destructive" : "text-success"}>
        {message?.text}
      </p>
    </div>
  );
}
