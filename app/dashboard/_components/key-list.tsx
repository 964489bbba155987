import { RevealKey } from "./reveal-key";
import { Badge } from "@/components/ui/badge";
import type { KeyView } from "@/lib/keys/queries";

const statusTone = { ACTIVE: "green", DISABLED: "slate", PENDING: "amber", FAILED: "red", REVOKED: "slate" } as const;
const statusLabel = { ACTIVE: "Active", DISABLED: "Disabled", PENDING: "Being created", FAILED: "Failed", REVOKED: "Revoked" } as const;

export function KeyList({ keys, invokeUrl }: { keys: KeyView[]; invokeUrl: string }) {
  if (keys.length === 0) {
    return <p className="mt-4 text-sm text-slate-600">You have no API keys yet. Name one above and create it.</p>;
  }
  return (
    <ul className="mt-4 divide-y divide-slate-200" aria-label="Your API keys">
      {keys.map((key) => (
        <li key={key.id} className="py-4" data-testid="key-row">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div>
              <p className="font-medium">
                {key.name} <Badge tone={statusTone[key.status]}>{statusLabel[key.status]}</Badge>
              </p>
              <p className="text-sm text-slate-500">
                {key.lastFour ? <span className="font-mono">••••{key.lastFour}</span> : null} · created{" "}
                <time dateTime={key.createdAt.toISOString()}>{key.createdAt.toISOString().slice(0, 10)}</time>
              </p>
              {key.status === "FAILED" && key.failureReason ? <p className="text-sm text-red-700">{key.failureReason}</p> : null}
            </div>
            {key.status === "ACTIVE" || key.status === "DISABLED" ? <RevealKey keyId={key.id} keyName={key.name} invokeUrl={invokeUrl} /> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
