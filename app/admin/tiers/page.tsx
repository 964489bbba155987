import { BootstrapForm, type StageChoice } from "./_components/bootstrap-form";
import { TierDialog } from "./_components/tier-form";
import { TiersTable } from "./_components/tiers-table";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { requirePagePermission } from "@/lib/auth/guards";
import { listAdminTiers, listBootstrapStages } from "@/lib/tiers/admin-queries";

export const metadata = { title: "Tiers" };
export const dynamic = "force-dynamic";

export default async function TiersPage() {
  const actor = await requirePagePermission("tier.admin_read", "/admin/tiers");
  const result = await listAdminTiers(actor);
  if (!result.ok) throw new Error(result.error.message);
  const { tiers, target, awsError, queue, bootstrapRunning } = result.data;
  const offered = tiers.filter((t) => t.available);
  const stages = await listBootstrapStages(actor);
  const targetValue = target ? `${target.apiId}:${target.stage}` : "";
  const choices: StageChoice[] = stages.ok ? stages.data.map((s) => ({ value: `${s.apiId}:${s.stage}`, label: `${s.apiName} / ${s.stage}`, plans: s.plans })) : [];
  const busy = bootstrapRunning !== null || tiers.some((t) => t.activity.some((a) => a.status === "queued" || a.status === "running"));
  const stageName = target ? `${target.apiName} / ${target.stage}` : "the portal's stage";

  const bootstrap = (
    <>
      {bootstrapRunning ? <Alert tone="info">{bootstrapRunning.detail}: {bootstrapRunning.status}.</Alert> : null}
      {stages.ok ? <BootstrapForm stages={choices} defaultValue={targetValue} /> : <Alert tone="error">{stages.error.message}</Alert>}
    </>
  );

  return (
    <>
      <RefreshWhile active={busy} everyMs={3000} />
      <PageHeader
        title="Tiers"
        description={`The usage plans customers choose from on ${stageName}: limits, quota, price and who may pick them.`}
        actions={<TierDialog stage={stageName} />}
      />
      <div className="space-y-6">
        {awsError ? <Alert tone="warning">{awsError} The table shows the portal&apos;s records.</Alert> : null}
        {offered.length === 0 ? (
          <Card>
            <CardHeader>
              <CardTitle>Start with the recommended tiers</CardTitle>
              <CardDescription>
                No tier is on offer yet. Create the usage plans basic (10 req/s, bursts of 20, 1,000 requests a day, free), premium (100 req/s, 200, 10,000 a
                day, $49 / month) and enterprise (1,000 req/s, 2,000, no quota, approval only) on a stage without plans.
              </CardDescription>
            </CardHeader>
            <CardContent className="space-y-3">{bootstrap}</CardContent>
          </Card>
        ) : null}
        {queue.length > 0 ? (
          <Card>
            <CardHeader>
              <CardTitle>Waiting for AWS</CardTitle>
              <CardDescription>AWS allows one usage plan update every 20 seconds per account, so limit changes take turns. They finish on their own.</CardDescription>
            </CardHeader>
            <CardContent>
              <ol className="space-y-1 text-sm" aria-label="Queued usage plan updates">
                {queue.map((q) => (
                  <li key={q.id} data-testid="queued-change">
                    #{q.position} {tiers.find((t) => t.id === q.tierId)?.settings.name ?? "Tier"}: {q.status === "running" ? "running now" : `runs at ${q.runAfter.toISOString().slice(11, 19)} UTC`}
                  </li>
                ))}
              </ol>
            </CardContent>
          </Card>
        ) : null}
        <TiersTable
          rows={tiers.map((t) => ({ ...t, stage: stageName, retireTargets: offered.filter((o) => o.id !== t.id).map((o) => ({ id: o.id, name: o.settings.name })) }))}
        />
        {offered.length > 0 ? (
          <details className="rounded-lg border bg-card p-4 text-sm">
            <summary className="cursor-pointer font-medium">Create the recommended plans on another stage</summary>
            <p className="mt-2 mb-3 text-muted-foreground">Creates basic, premium and enterprise on a stage that has no usage plans yet (for example a new staging stage).</p>
            {bootstrap}
          </details>
        ) : null}
      </div>
    </>
  );
}
