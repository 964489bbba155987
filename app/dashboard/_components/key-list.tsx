import { KeyRow } from "./key-row";
import { RefreshWhile } from "@/components/ui/refresh-while";
import type { ReauthMethod } from "@/lib/auth/reauth-method";
import type { KeyView } from "@/lib/keys/queries";

export function KeyList({ keys, invokeUrl, reauth }: { keys: KeyView[]; invokeUrl: string; reauth: ReauthMethod }) {
  if (keys.length === 0) {
    return <p className="mt-4 text-sm text-slate-600">You have no API keys yet. Name one above and create it.</p>;
  }
  const working = keys.some((k) => k.inProgress !== null);
  return (
    <>
      <RefreshWhile active={working} />
      {working ? (
        <p className="mt-4 text-sm text-slate-600" role="status">
          Some changes are still being applied in AWS; this list updates by itself.
        </p>
      ) : null}
      <ul className="mt-4 divide-y divide-slate-200" aria-label="Your API keys">
        {keys.map((key) => (
          <KeyRow
            key={key.id}
            invokeUrl={invokeUrl}
            reauth={reauth}
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
    </>
  );
}
