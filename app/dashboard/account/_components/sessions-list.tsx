"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { signOutEverywhereElseAction } from "../actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export interface SessionItem {
  id: string;
  device: string;
  address: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const format = (iso: string) => `${when.format(new Date(iso))} UTC`;

/** The user's signed-in sessions, and "sign out everywhere else" (this session stays signed in). */
export function SessionsList({ sessions }: { sessions: SessionItem[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const others = sessions.filter((s) => !s.current).length;

  async function signOutOthers() {
    const result = await signOutEverywhereElseAction();
    setMessage(result.ok ? { tone: "success", text: result.data.message } : { tone: "error", text: result.error.message });
    if (result.ok) router.refresh();
  }

  return (
    <div className="space-y-4">
      <ul className="divide-y divide-border rounded-md border border-border" aria-label="Signed-in sessions">
        {sessions.map((s) => (
          <li key={s.id} data-testid="session-row" className="flex flex-wrap items-baseline justify-between gap-2 px-3 py-2 text-sm">
            <span>
              <span className="font-medium">{s.device}</span>
              {s.current ? <span className="ml-2 rounded bg-success-muted px-1.5 py-0.5 text-xs text-success">This session</span> : null}
              {s.address ? <span className="block text-muted-foreground">from {s.address}</span> : null}
            </span>
            <span className="text-muted-foreground">
              signed in <time dateTime={s.createdAt}>{format(s.createdAt)}</time> · last active <time dateTime={s.lastSeenAt}>{format(s.lastSeenAt)}</time>
            </span>
          </li>
        ))}
      </ul>
      <p className="text-sm text-muted-foreground">
        Signing out everywhere else ends every other session at once, on any device. This session stays signed in; use “Sign out” at
        the top to end it too.
      </p>
      <ConfirmDialog
        trigger={
          <Button type="button" variant="secondary" disabled={others === 0}>
            Sign out everywhere else
          </Button>
        }
        title={`Sign out of ${others === 1 ? "the other session" : `${others} other sessions`}?`}
        description="Every other browser and device signed in to this account is signed out at once and must sign in again. This session stays signed in."
        confirmLabel="Sign out everywhere else"
        pendingLabel="Signing out…"
        onConfirm={signOutOthers}
      />
      <div aria-live="polite">{message ? <Alert tone={message.tone}>{message.text}</Alert> : null}</div>
    </div>
  );
}
