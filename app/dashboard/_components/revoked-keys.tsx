import { ChevronRightIcon, HistoryIcon } from "lucide-react";
import type { KeyView } from "@/lib/keys/queries";

function utcDate(date: Date) {
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** Revoked keys, as a record: collapsed below the list. (The list keeps them for 30 days: listedKeysWhere.) */
export function RevokedKeys({ keys }: { keys: KeyView[] }) {
  if (keys.length === 0) return null;
  return (
    <details className="group mt-6 rounded-md border border-border" data-testid="revoked-keys">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-4 py-3 text-sm font-medium hover:bg-muted [&::-webkit-details-marker]:hidden">
        <ChevronRightIcon aria-hidden="true" className="size-4 text-muted-foreground transition-transform group-open:rotate-90" />
        <HistoryIcon aria-hidden="true" className="size-4 text-muted-foreground" />
        Revoked keys ({keys.length})
      </summary>
      <ul className="divide-y divide-border border-t border-border" aria-label="Revoked keys">
        {keys.map((k) => (
          <li key={k.id} data-testid="revoked-key" className="flex flex-wrap justify-between gap-x-3 px-4 py-2 text-sm">
            <span className="min-w-0 break-words">{k.name}</span>
            <span className="text-muted-foreground">
              {k.lastFour ? <span className="font-mono">••••{k.lastFour} · </span> : null}
              revoked {k.revokedAt ? <time dateTime={k.revokedAt.toISOString()}>{utcDate(k.revokedAt)}</time> : null}
            </span>
          </li>
        ))}
      </ul>
      <p className="border-t border-border px-4 py-2 text-xs text-muted-foreground">Revoked keys no longer work. They are listed here for 30 days.</p>
    </details>
  );
}
