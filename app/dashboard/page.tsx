import { CreateKeyForm } from "./_components/create-key-form";
import { KeyList } from "./_components/key-list";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { reauthMethod } from "@/lib/auth/reauth-method";
import { getOwnOverview } from "@/lib/customers/queries";
import { formatQuota, formatThrottle } from "@/lib/format/tier";
import { formatCount, formatUtcMoment } from "@/lib/format/usage";
import { gatewayExample } from "@/lib/docs/curl-command";
import { targetApi } from "@/lib/gateway/target-api";
import { keyLimitReached, roomForAnotherKey } from "@/lib/keys/key-limit";
import { isLiveKey } from "@/lib/keys/key-status";

export const metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  const actor = await requirePagePermission("key.list", "/dashboard");
  const now = new Date();
  // One query: the account with its keys and their cached usage (the session lookup already told whether the
  // person has a password, so the reveal prompt needs no query of its own).
  const [overview, api, reauth] = await Promise.all([getOwnOverview(actor, { now }), targetApi().catch(() => null), reauthMethod(actor)]);
  if (!overview.ok) throw new Error(overview.error.message);
  const account = overview.data;
  const keys = account.keys;
  const invokeUrl = api?.invokeUrl ?? "https://your-api.example.com";
  const liveKeys = keys.filter((k) => isLiveKey(k.status)).length;
  const suspended = account.status === "SUSPENDED";
  const disabledReason = suspended
    ? "Your account is suspended, so no key can be created."
    : roomForAnotherKey(liveKeys, account.tier)
      ? null
      : keyLimitReached(account.tier);

  return (
    <>
      <PageHeader title={`Welcome, ${account.name}`} description={account.company ?? undefined} />
      {suspended ? (
        <Alert tone="warning" title="Your account is suspended" className="mb-6" data-testid="suspended-notice">
          An administrator suspended this account: your API keys are disabled and new keys cannot be created. Contact
          the API&apos;s administrators to have it resumed.
        </Alert>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Your tier" className="lg:col-span-1">
          <p className="text-2xl font-bold text-primary" data-testid="current-tier">
            {account.tier.name}
          </p>
          <dl className="mt-3 space-y-1 text-sm">
            <div className="flex justify-between gap-2">
              <dt className="text-muted-foreground">Quota</dt>
              <dd className="text-right">{formatQuota(account.tier.quotaLimit, account.tier.quotaPeriod)}</dd>
            </div>
            {account.pool && account.pool.quota !== null && account.pool.window ? (
              <div className="flex justify-between gap-2">
                <dt className="text-muted-foreground">Used this period</dt>
                <dd className="text-right" data-testid="dashboard-pooled-quota">
                  {formatCount(account.pool.used)} of {formatCount(account.pool.quota)}, all keys together
                  <span className="block text-xs text-muted-foreground">resets {formatUtcMoment(account.pool.window.end, now)}</span>
                </dd>
              </div>
            ) : null}
            <div className="flex justify-between gap-2">
              <dt className="text-muted-foreground">Rate limit</dt>
              <dd className="text-right">{formatThrottle(account.tier.rateLimit, account.tier.burstLimit)}</dd>
            </div>
            <div className="flex justify-between gap-2">
              <dt className="text-muted-foreground">Keys</dt>
              <dd>
                {liveKeys} of {account.tier.maxKeys}
              </dd>
            </div>
          </dl>
        </Card>
        <Card title="Call the API" className="lg:col-span-2">
          <p className="mb-3 text-sm text-muted-foreground">
            Send your key in the <code className="rounded bg-muted px-1 text-foreground">x-api-key</code> header. Requests without a valid key get 403.
          </p>
          {api ? (
            <CodeBlock code={gatewayExample(invokeUrl, null)} label="Example request" copyLabel="Copy example request" />
          ) : (
            <p role="alert" className="text-sm text-foreground">
              The gateway address could not be loaded from AWS right now; your keys still work.
            </p>
          )}
        </Card>
      </div>
      <Card title="API keys" className="mt-6">
        <CreateKeyForm invokeUrl={invokeUrl} disabledReason={disabledReason} />
        <KeyList keys={keys} usage={account.usage} now={now} invokeUrl={invokeUrl} reauth={reauth} />
      </Card>
    </>
  );
}
