import "server-only";
import { selectApiStage, type ApiStageSelection } from "@/lib/alarms/api-stage";
import {
  API_GATEWAY_NAMESPACE,
  dashboardName,
  recommendedAlarms,
  recommendedStatus,
  watchesApiStage,
  type AlarmSpec,
  type SpecStatus,
} from "@/lib/alarms/recommended";
import { alarmHistory, listMetricAlarms, type AlarmHistoryEntry, type AlarmState, type AlarmView } from "@/lib/aws/alarms";
import { getDashboardBody } from "@/lib/aws/dashboards";
import { toAppError } from "@/lib/aws/errors";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";

/** History is read for at most this many alarms per view (one DescribeAlarmHistory each). */
const HISTORY_ALARMS = 20;
const HISTORY_PER_ALARM = 5;

/** The alarms on an API stage's metrics: namespace AWS/ApiGateway, its ApiName, and its Stage (or no Stage). */
export function alarmsOfApiStage(apiName: string, stage: string): Promise<AlarmView[]> {
  return listMetricAlarms((a) => a.namespace === API_GATEWAY_NAMESPACE && watchesApiStage(a.dimensions, apiName, stage)).then((alarms) =>
    alarms.sort((a, b) => stateRank(a.state) - stateRank(b.state) || a.name.localeCompare(b.name)),
  );
}

const stateRank = (s: AlarmState) => (s === "ALARM" ? 0 : s === "INSUFFICIENT_DATA" ? 1 : 2);

export interface AlarmsPage {
  selection: ApiStageSelection;
  alarms: AlarmView[];
  history: AlarmHistoryEntry[];
  /** True when history was read for only the first HISTORY_ALARMS alarms. */
  historyTruncated: boolean;
  recommended: { spec: AlarmSpec; status: SpecStatus }[];
  dashboard: { name: string; exists: boolean };
}

/** Everything /admin/alarms shows for one API stage. */
export async function getAlarmsPage(actor: Actor | null, requested: { api?: string; stage?: string }): Promise<Result<AlarmsPage | null>> {
  const allowed = authorize(actor, "alarms.read");
  if (!allowed.ok) return allowed;
  try {
    const selection = await selectApiStage(requested);
    if (!selection) return ok(null);
    const { api, stage } = selection;
    const specs = recommendedAlarms(api.name, stage);
    const name = dashboardName(api.name, stage);
    const [alarms, body] = await Promise.all([alarmsOfApiStage(api.name, stage), getDashboardBody(name)]);
    const withHistory = alarms.slice(0, HISTORY_ALARMS);
    const history = (await Promise.all(withHistory.map((a) => alarmHistory(a.name, HISTORY_PER_ALARM))))
      .flat()
      .sort((a, b) => b.at.getTime() - a.at.getTime());
    return ok({
      selection,
      alarms,
      history,
      historyTruncated: alarms.length > HISTORY_ALARMS,
      recommended: recommendedStatus(specs, alarms),
      dashboard: { name, exists: body !== null },
    });
  } catch (error) {
    const mapped = toAppError(error, "Reading the alarms");
    return fail(mapped.code, mapped.message);
  }
}

export interface AlarmSummaryData {
  total: number;
  counts: Record<AlarmState, number>;
  /** The alarms in ALARM, with why. */
  firing: { name: string; reason: string; since: Date | null }[];
}

/** Alarm states of one API stage, for the overview page (one paged DescribeAlarms). */
export async function getAlarmSummary(actor: Actor | null, apiName: string, stage: string): Promise<Result<AlarmSummaryData>> {
  const allowed = authorize(actor, "alarms.read");
  if (!allowed.ok) return allowed;
  try {
    const alarms = await alarmsOfApiStage(apiName, stage);
    const counts: Record<AlarmState, number> = { ALARM: 0, OK: 0, INSUFFICIENT_DATA: 0 };
    for (const a of alarms) counts[a.state] += 1;
    return ok({
      total: alarms.length,
      counts,
      firing: alarms.filter((a) => a.state === "ALARM").map((a) => ({ name: a.name, reason: a.stateReason, since: a.stateUpdatedAt })),
    });
  } catch (error) {
    const mapped = toAppError(error, "Reading the alarm states");
    return fail(mapped.code, mapped.message);
  }
}
