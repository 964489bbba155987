import { KeyRow } from "./key-row";
import type { KeyView } from "@/lib/keys/queries";

export function KeyList({ keys, invokeUrl }: { keys: KeyView[]; invokeUrl: string }) {
  if (keys.length === 0) {
    return <p className="mt-4 text-sm text-slate-600">You have no API keys yet. Name one above and create it.</p>;
  }
  return (
    <ul className="mt-4 divide-y divide-slate-200" aria-label="Your API keys">
      {keys.map((key) => (
        <KeyRow
          key={key.id}
          invokeUrl={invokeUrl}
          keyData={{
            id: key.id,
            name: key.name,
            lastFour: key.lastFour,
            status: key.status,
            failureReason: key.failureReason,
            createdAt: key.createdAt.toISOString(),
            graceEndsAt: key.graceEndsAt?.toISOString() ?? null,
            inProgress: key.inProgress,
          }}
        />
      ))}
    </ul>
  );
}
