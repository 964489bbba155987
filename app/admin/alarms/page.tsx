import { CircleCheck, CircleDashed, PencilLine } from "lucide-react";
import { Suspense } from "react";
import { AlarmsTable, HistoryTable } from "./_components/alarm-tables";
import { AlarmsSkeleton } from "./_components/alarms-skeleton";
import { ApiStagePicker } from "./_components/api-stage-picker";
import { CreateDashboardButton, CreateRecommendedButton } from "./_components/create-buttons";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { apiStageParamsSchema } from "@/lib/alarms/api-stage";
import { getAlarmsPage } from "@/lib/alarms/queries";
import { describeRule } from "@/lib/alarms/recommended";
import { requirePagePermission } from "@/lib/auth/guards";
import type { Actor } from "@/lib/policy/actor";

export const metadata = { title: "Alarms" };
export const dynamic = "force-dynamic";

export default async function AlarmsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("alarms.read", "/admin/alarms");
  const params = apiStageParamsSchema.parse(await searchParams);
  return (
    <>
      <PageHeader title="Alarms" description="CloudWatch alarms on the API's metrics (namespace AWS/ApiGateway), with their state, reason and history." />
      <Suspense key={`${params.api ?? ""}/${params.stage ?? ""}`} fallback={<AlarmsSkeleton />}>
        <AlarmsContent actor={actor} params={params} />
      </Suspense>
    </>
  );
}

async function AlarmsContent({ actor, params }: { actor: Actor; params: { api?: string; stage?: string } }) {
  const result = await getAlarmsPage(actor, params);
  if (!result.ok) {
    return (
      <Alert tone="error" title="The alarms could not be read">
        {result.error.message}
      </Alert>
    );
  }
  if (!result.data) return <Alert tone="info">There is no REST API in this AWS account and region yet.</Alert>;

  const { selection, alarms, history, historyTruncated, recommended, dashboard } = result.data;
  const { api, stage } = selection;
  const where = `${api.name} (${stage})`;
  const missing = recommended.filter((r) => r.status.state === "missing").length;

  return (
    <>
      <ApiStagePicker apis={selection.apis} stages={selection.stages} apiId={api.id} stage={stage} />
      {selection.notice ? (
        <Alert tone="warning" className="mb-6">
          {selection.notice}
        </Alert>
      ) : null}

      <div className="space-y-6">
        <Card
          title="Recommended monitoring"
          actions={
            <div className="flex flex-wrap gap-2">
              <CreateRecommendedButton apiId={api.id} apiName={api.name} stage={stage} missing={missing} />
              <CreateDashboardButton apiId={api.id} apiName={api.name} stage={stage} name={dashboard.name} exists={dashboard.exists} />
            </div>
          }
        >
          <p className="mb-4 text-sm text-muted-foreground">
            Three alarms and a dashboard, as the API Gateway guide recommends. Creating them again changes nothing: what exists is left as it is.
          </p>
          <ul className="divide-y rounded-md border" aria-label="Recommended alarms and dashboard">
            {recommended.map(({ spec, status }) => (
              <li key={spec.key} data-testid="recommended-alarm" data-status={status.state} className="flex flex-wrap items-start justify-between gap-2 px-4 py-3">
                <div className="min-w-0">
                  <p className="font-medium break-words">{status.state === "missing" ? spec.name : status.alarmName}</p>
                  <p className="text-sm text-muted-foreground">{describeRule(spec)}</p>
                </div>
                {status.state === "present" ? (
                  <Badge variant="success">
                    <CircleCheck aria-hidden="true" /> Created
                  </Badge>
                ) : status.state === "different" ? (
                  <Badge variant="warning" title="An alarm of this name exists with other settings; it is left as it is.">
                    <PencilLine aria-hidden="true" /> Edited in CloudWatch
                  </Badge>
                ) : (
                  <Badge variant="neutral">
                    <CircleDashed aria-hidden="true" /> Not created
                  </Badge>
                )}
              </li>
            ))}
            <li data-testid="recommended-dashboard" data-status={dashboard.exists ? "present" : "missing"} className="flex flex-wrap items-start justify-between gap-2 px-4 py-3">
              <div className="min-w-0">
                <p className="font-medium break-words">{dashboard.name}</p>
                <p className="text-sm text-muted-foreground">Dashboard: requests, 4XX and 5XX errors; latency average and p99; 5-minute periods</p>
              </div>
              {dashboard.exists ? (
                <Badge variant="success">
                  <CircleCheck aria-hidden="true" /> Created
                </Badge>
              ) : (
                <Badge variant="neutral">
                  <CircleDashed aria-hidden="true" /> Not created
                </Badge>
              )}
            </li>
          </ul>
        </Card>

        <section aria-labelledby="alarms-heading" className="space-y-3">
          <h2 id="alarms-heading" className="text-lg font-semibold">
            Alarms on {where}
          </h2>
          <AlarmsTable
            where={where}
            rows={alarms.map((a) => ({
              name: a.name,
              state: a.state,
              reason: a.stateReason,
              rule: describeRule(a),
              stateUpdatedAt: a.stateUpdatedAt?.toISOString() ?? null,
              description: a.description,
            }))}
          />
        </section>

        <section aria-labelledby="history-heading" className="space-y-3">
          <h2 id="history-heading" className="text-lg font-semibold">
            History
          </h2>
          <p className="text-sm text-muted-foreground">
            The latest state changes and setting updates of each alarm, from CloudWatch&apos;s alarm history
            {historyTruncated ? " (of the first 20 alarms listed above)" : ""}.
          </p>
          <HistoryTable
            rows={history.map((h, i) => ({ id: `${h.alarmName}-${h.at.getTime()}-${i}`, alarmName: h.alarmName, at: h.at.toISOString(), type: h.type, summary: h.summary }))}
          />
        </section>
      </div>
    </>
  );
}
