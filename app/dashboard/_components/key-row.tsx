import { KeyRowActions } from "./key-row-actions";
import { KeyStateBadge } from "./key-state-badge";
import { PreviousKeys } from "./previous-keys";
import { QuotaWarning } from "./quota-warning";
import type { ReauthMethod } from "@/lib/auth/reauth-method";
import { formatCount, formatPercent, quotaAdjective } from "@/lib/format/usage";
import type { KeyLineage } from "@/lib/keys/key-lineage";
import { keyRowState, keyStateLabel, keyStateTone } from "@/lib/keys/key-row-state";
import { lastUseLabel, type KeyUsageSummary } from "@/lib/keys/key-usage-summary";
import type { KeyView } from "@/lib/keys/queries";

function utcDate(date: Date) {
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

function utcDateTime(date: Date) {
  return `${date.toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC" })} UTC`;
}

/**
 * One key of the Keys page, rendered on the server: its name and state, usage today and last use, the quota warning
 * when calls get 429, and (after a rotation) the previous keys nested under it. Only its actions are client code.
 */
export function KeyRow({
  lineage: { key: k, previous },
  usage,
  synced,
  now,
  invokeUrl,
  reauth,
}: {
  lineage: KeyLineage<KeyView>;
  usage: KeyUsageSummary | undefined;
  synced: boolean;
  now: Date;
  invokeUrl: string;
  reauth: ReauthMethod;
}) {
  const state = keyRowState({ status: k.status, graceEndsAt: k.graceEndsAt, quota: usage?.quota ?? null, previous });
  const provisioned = k.status === "ACTIVE" || k.status === "DISABLED";
  const quota = usage?.quota ?? null;

  const summary = (
    <>
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span id={`key-${k.id}-name`} className="min-w-0 font-medium break-words">
          {k.name}
        </span>
        <KeyStateBadge tone={keyStateTone(state)} testId="key-state">
          {keyStateLabel(state, now)}
        </KeyStateBadge>
        {k.inProgress && k.status !== "PENDING" ? <KeyStateBadge tone="info">{k.inProgress}…</KeyStateBadge> : null}
      </p>
      <p className="mt-1 text-sm text-muted-foreground">
        {k.lastFour ? <span className="font-mono">••••{k.lastFour} · </span> : null}
        created <time dateTime={k.createdAt.toISOString()}>{utcDate(k.createdAt)}</time>
      </p>
      {provisioned ? (
        <p className="mt-1 text-sm text-muted-foreground" data-testid="key-usage">
          {synced && usage ? (
            <>
              <span>
                {formatCount(usage.today)} {usage.today === 1 ? "request" : "requests"} today
              </span>
              {quota ? (
                <span>
                  {" · "}
                  {formatPercent(quota.percentUsed)} of {quotaAdjective(quota.period)} quota
                </span>
              ) : null}
              {" · "}
            </>
          ) : null}
          <span title="From the daily usage counts AWS reports (UTC days)">{lastUseLabel(usage ?? null, { now, createdAt: k.createdAt, synced })}</span>
        </p>
      ) : null}
    </>
  );
  // Below the row's header, the whole width (beside the actions button only the summary).
  const details = (
    <>
      {state.kind === "quota_reached" && quota ? <QuotaWarning quota={quota} now={now} /> : null}
      {state.kind === "ending" ? (
        <p className="mt-1 text-sm text-muted-foreground">
          Replaced by a rotation: disabled automatically at <time dateTime={state.endsAt.toISOString()}>{utcDateTime(state.endsAt)}</time>.
        </p>
      ) : null}
      {k.status === "FAILED" && k.failureReason ? <p className="mt-1 text-sm text-destructive">{k.failureReason}</p> : null}
    </>
  );

  return (
    <li className="py-4" data-testid="key-row" data-key-id={k.id} aria-labelledby={`key-${k.id}-name`}>
      <KeyRowActions
        keyData={{
          id: k.id,
          name: k.name,
          lastFour: k.lastFour,
          status: k.status,
          busy: k.inProgress !== null,
          canRotate: k.status === "ACTIVE" && k.graceEndsAt === null,
        }}
        invokeUrl={invokeUrl}
        reauth={reauth}
        summary={summary}
        details={details}
      />
      {previous.length > 0 ? <PreviousKeys name={k.name} previous={previous} now={now} /> : null}
    </li>
  );
}
