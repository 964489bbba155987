"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { signOutEverywhereElseAction } from "../actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

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
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const others = sessions.filter((s) => !s.current).length;

  function signOutOthers() {
    startTransition(async () => {
      const result = await signOutEverywhereElseAction();
      setMessage(result.ok ? { tone: "success", text: result.data.message } : { tone: "error", text: result.error.message });
      if (result.ok) router.refresh();
    });
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
      <Button type="button" variant="secondary" onClick={signOutOthers} disabled={pending || others === 0} aria-busy={pending}>
        {pending ? "Signing out…" : "Sign out everywhere else"}
      </Button>
      <div aria-live="polite">{message ? <Alert tone={message.tone}>{message.text}</Alert> : null}</div>
    </div>
  );
}
