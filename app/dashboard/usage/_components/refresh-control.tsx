"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { refreshUsageAction } from "../actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatAge } from "@/lib/format/usage";
import { REFRESH_COOLDOWN_MS, STALE_AFTER_MS } from "@/lib/usage/refresh-policy";

/**
 * "Updated 40 s ago" and "Refresh now". The age counts on from the server's clock (rendered-at minus synced-at), so a
 * wrong clock in the browser does not matter. Render it with `key={syncedAt}` so new figures restart the count.
 * Figures older than STALE_AFTER_MS (or never read) are refreshed once, automatically, when the control appears: the
 * page itself only reads, so refreshing is this action's job (or the background worker's).
 */
export function RefreshControl({ syncedAt, renderedAt }: { syncedAt: string | null; renderedAt: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const [sinceRender, setSinceRender] = useState(0);

  useEffect(() => {
    const mounted = Date.now();
    const timer = setInterval(() => setSinceRender(Date.now() - mounted), 1000);
    return () => clearInterval(timer);
  }, []);

  const age = syncedAt ? Date.parse(renderedAt) - Date.parse(syncedAt) + sinceRender : null;
  const coolingDown = age !== null && age < REFRESH_COOLDOWN_MS;
  const staleWhenRendered = syncedAt === null || Date.parse(renderedAt) - Date.parse(syncedAt) > STALE_AFTER_MS;

  useEffect(() => {
    if (staleWhenRendered) refresh();
    // Once per rendered set of figures (the parent re-keys this control when they change).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function refresh() {
    startTransition(async () => {
      setMessage(null);
      const result = await refreshUsageAction();
      if (!result.ok) {
        const kept = age === null ? "" : ` The figures below are still those from ${formatAge(age)}.`;
        setMessage({ tone: result.error.code === "throttled" ? "info" : "error", text: `${result.error.message}${kept}` });
        return;
      }
      router.refresh();
    });
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm text-muted-foreground" data-testid="usage-age">
          {syncedAt && age !== null ? (
            <>
              Updated{" "}
              <time dateTime={syncedAt} title={new Date(syncedAt).toUTCString()}>
                {formatAge(age)}
              </time>
            </>
          ) : (
            "Not read from AWS yet"
          )}
        </p>
        <Button variant="secondary" className="px-3 py-1" onClick={refresh} disabled={pending || coolingDown} aria-busy={pending}>
          {pending ? "Refreshing…" : "Refresh now"}
        </Button>
        {coolingDown && !pending ? <span className="text-xs text-muted-foreground">You can refresh again in a few seconds.</span> : null}
      </div>
      <div aria-live="polite" className="empty:hidden">
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      </div>
    </div>
  );
}
