import { CornerDownRightIcon } from "lucide-react";
import { RevokeKeyDialog } from "./revoke-key-dialog";
import { Button } from "@/components/ui/button";
import { formatTimeLeft } from "@/lib/format/time-left";
import type { KeyView } from "@/lib/keys/queries";

function utcDateTime(date: Date) {
  return `${date.toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC" })} UTC`;
}

/** A rotated key's predecessors, nested under it: until when each still works, and revoking it now. */
export function PreviousKeys({ name, previous, now }: { name: string; previous: KeyView[]; now: Date }) {
  return (
    <ul aria-label={`Previous keys of ${name}`} className="mt-3 space-y-2 border-l-2 border-border pl-3 sm:ml-1 sm:pl-4">
      {previous.map((p) => {
        const working = p.status === "ACTIVE";
        return (
          <li key={p.id} data-testid="previous-key" data-key-id={p.id} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2 text-sm">
            <p className="flex min-w-0 flex-wrap items-center gap-x-1.5 text-muted-foreground">
              <CornerDownRightIcon aria-hidden="true" className="size-4 shrink-0" />
              <span className="text-foreground">Previous key</span>
              {p.lastFour ? <span className="font-mono">••••{p.lastFour}</span> : null}
              <span aria-hidden="true">·</span>
              {working && p.graceEndsAt ? (
                <span>
                  ends in {formatTimeLeft(p.graceEndsAt, now)} (<time dateTime={p.graceEndsAt.toISOString()}>{utcDateTime(p.graceEndsAt)}</time>)
                </span>
              ) : working ? (
                <span>still working</span>
              ) : (
                <span>disabled, no longer works</span>
              )}
              {p.inProgress ? <span>· {p.inProgress}…</span> : null}
            </p>
            {p.inProgress === null ? (
              <RevokeKeyDialog
                keyId={p.id}
                title={`Revoke the previous key of “${name}”?`}
                lastFour={p.lastFour}
                trigger={
                  <Button variant="secondary" className="px-3 py-1">
                    Revoke now<span className="sr-only">: previous key of {name}</span>
                  </Button>
                }
              />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
