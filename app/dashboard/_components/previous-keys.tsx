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
            <p className="min-w-0 text-muted-foreground">
              <CornerDownRightIcon aria-hidden="true" className="mr-1.5 inline size-4 align-[-3px]" />
              <span className="text-foreground">Previous key</span> {p.lastFour ? <span className="font-mono">••••{p.lastFour}</span> : null} ·{" "}
              {working && p.graceEndsAt ? (
                <>
                  ends in {formatTimeLeft(p.graceEndsAt, now)} (<time dateTime={p.graceEndsAt.toISOString()}>{utcDateTime(p.graceEndsAt)}</time>)
                </>
              ) : working ? (
                "still working"
              ) : (
                "disabled, no longer works"
              )}
              {p.inProgress ? ` · ${p.inProgress}…` : null}
            </p>
            {p.inProgress === null ? (
              <RevokeKeyDialog
                keyId={p.id}
                title={`Revoke the previous key of “${name}”?`}
                lastFour={p.lastFour}
                trigger={
                  <Button variant="secondary" className="px-3 py-1" aria-label={`Revoke now: previous key of ${name}`}>
                    Revoke now
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
