import Link from "next/link";
import { KeyListProvider } from "./key-list-state";
import { KeyRow } from "./key-row";
import { RevokedKeys } from "./revoked-keys";
import { RefreshWhile } from "@/components/ui/refresh-while";
import type { ReauthMethod } from "@/lib/auth/reauth-method";
import { formatAge } from "@/lib/format/usage";
import { groupKeyLineage } from "@/lib/keys/key-lineage";
import type { KeyView, OwnKeyUsage } from "@/lib/keys/queries";

/** The customer's keys: one row per lineage (a rotated key with its previous key nested), then revoked keys collapsed. */
export function KeyList({ keys, usage, now, invokeUrl, reauth }: { keys: KeyView[]; usage: OwnKeyUsage | null; now: Date; invokeUrl: string; reauth: ReauthMethod }) {
  const { rows, revoked } = groupKeyLineage(keys);
  const working = keys.some((k) => k.inProgress !== null);
  const synced = usage?.syncedAt != null;
  return (
    <KeyListProvider>
      <RefreshWhile active={working} />
      {working ? (
        <p className="mt-4 text-sm text-muted-foreground" role="status">
          Some changes are still being applied in AWS; this list updates by itself.
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="mt-4 text-sm text-muted-foreground">You have no API keys yet. Name one above and create it.</p>
      ) : (
        <ul className="mt-2 divide-y divide-border" aria-label="Your API keys">
          {rows.map((lineage) => (
            <KeyRow key={lineage.key.id} lineage={lineage} usage={usage?.byKey[lineage.key.id]} synced={synced} now={now} invokeUrl={invokeUrl} reauth={reauth} />
          ))}
        </ul>
      )}
      {rows.length > 0 ? (
        <p className="mt-2 text-xs text-muted-foreground" data-testid="key-usage-age">
          {usage?.syncedAt ? `Usage figures updated ${formatAge(now.getTime() - usage.syncedAt.getTime())}; they are read from AWS every 15 minutes. ` : "Usage figures appear once they are read from AWS, within 15 minutes. "}
          <Link href="/dashboard/usage" className="text-primary underline underline-offset-2">
            See usage
          </Link>
        </p>
      ) : null}
      <RevokedKeys keys={revoked} />
    </KeyListProvider>
  );
}
