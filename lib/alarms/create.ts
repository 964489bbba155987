import "server-only";
import { resolveApiStage, type ApiStageInput } from "@/lib/alarms/api-stage";
import { alarmsOfApiStage } from "@/lib/alarms/queries";
import { dashboardBody, dashboardName, recommendedAlarms, recommendedStatus } from "@/lib/alarms/recommended";
import { recordAudit } from "@/lib/audit/record-audit";
import { putMetricAlarm } from "@/lib/aws/alarms";
import { getDashboardBody, putDashboard } from "@/lib/aws/dashboards";
import { toAppError } from "@/lib/aws/errors";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { AuditAction } from "@/lib/policy/action-names";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";

// "Create recommended alarms" and "Create dashboard": pure-AWS changes, idempotent (what exists is left as it is, so
// doing it twice changes nothing and a second try finishes what a failed first one started), each audited right after
// AWS answers, with an outcome "failure" entry when it does not.

export interface CreateAlarmsResult {
  created: string[];
  /** Recommended alarms CloudWatch already has (perhaps under another name). */
  present: string[];
  /** Alarms with our name whose settings an admin changed: left alone. */
  different: string[];
  message: string;
}

async function audit(actor: Actor, action: AuditAction, target: string, outcome: "success" | "failure", meta: Record<string, string | string[]>) {
  await db.$transaction((tx) => recordAudit(tx, { actor, action, target: { type: "cloudwatch", id: target }, outcome, meta }));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export async function createRecommendedAlarms(actor: Actor, input: ApiStageInput): Promise<Result<CreateAlarmsResult>> {
  const allowed = authorize(actor, "alarms.create_recommended");
  if (!allowed.ok) return allowed;
  let where: Awaited<ReturnType<typeof resolveApiStage>>;
  let statuses: ReturnType<typeof recommendedStatus>;
  try {
    where = await resolveApiStage(input);
    if ("error" in where) return fail("not_found", where.error);
    statuses = recommendedStatus(recommendedAlarms(where.api.name, where.stage), await alarmsOfApiStage(where.api.name, where.stage));
  } catch (error) {
    const mapped = toAppError(error, "Reading the alarms");
    return fail(mapped.code, `${mapped.message} No alarm was created.`);
  }
  const { api, stage } = where;
  const target = `${api.id}/${stage}`;
  const present = statuses.flatMap((s) => (s.status.state === "present" ? [s.status.alarmName] : []));
  const different = statuses.flatMap((s) => (s.status.state === "different" ? [s.status.alarmName] : []));
  const created: string[] = [];
  const missing = statuses.filter((s) => s.status.state === "missing").map((s) => s.spec);
  for (const spec of missing) {
    try {
      await putMetricAlarm(spec);
      created.push(spec.name);
    } catch (error) {
      const mapped = toAppError(error, `Creating the alarm ${spec.name}`);
      await audit(actor, "alarms.create_recommended", target, "failure", { apiName: api.name, stage, created, failedOn: spec.name, error: mapped.code });
      const done = created.length ? ` ${plural(created.length, "alarm")} ${created.length === 1 ? "was" : "were"} created before it (${created.join(", ")}); trying again creates only the rest.` : " No alarm was created.";
      return fail(mapped.code, `${mapped.message}${done}`);
    }
  }
  if (created.length > 0) {
    await audit(actor, "alarms.create_recommended", target, "success", { apiName: api.name, stage, created, present, different });
  }
  const parts: string[] = [];
  if (created.length) parts.push(`Created ${plural(created.length, "recommended alarm")} on ${api.name} (${stage}).`);
  else parts.push(`All the recommended alarms on ${api.name} (${stage}) already exist; nothing was changed.`);
  if (created.length && present.length) parts.push(`${plural(present.length, "alarm")} already existed.`);
  if (different.length) parts.push(`Left unchanged because its settings were edited: ${different.join(", ")}.`);
  return ok({ created, present, different, message: parts.join(" ") });
}

export interface CreateDashboardResult {
  name: string;
  created: boolean;
  message: string;
}

export async function createDashboard(actor: Actor, input: ApiStageInput): Promise<Result<CreateDashboardResult>> {
  const allowed = authorize(actor, "dashboard.create");
  if (!allowed.ok) return allowed;
  let where: Awaited<ReturnType<typeof resolveApiStage>>;
  let existing: string | null;
  let name: string;
  try {
    where = await resolveApiStage(input);
    if ("error" in where) return fail("not_found", where.error);
    name = dashboardName(where.api.name, where.stage);
    existing = await getDashboardBody(name);
  } catch (error) {
    const mapped = toAppError(error, "Reading the dashboard");
    return fail(mapped.code, `${mapped.message} No dashboard was created.`);
  }
  const { api, stage } = where;
  if (existing !== null) {
    // Left as it is, even when an admin has since edited it in the CloudWatch console.
    return ok({ name, created: false, message: `The dashboard ${name} already exists; nothing was changed.` });
  }
  const target = `${api.id}/${stage}`;
  try {
    await putDashboard(name, dashboardBody(api.name, stage, env().AWS_REGION));
  } catch (error) {
    const mapped = toAppError(error, "Creating the dashboard");
    await audit(actor, "dashboard.create", target, "failure", { apiName: api.name, stage, dashboard: name, error: mapped.code });
    return fail(mapped.code, mapped.message);
  }
  await audit(actor, "dashboard.create", target, "success", { apiName: api.name, stage, dashboard: name });
  return ok({ name, created: true, message: `Created the dashboard ${name} for ${api.name} (${stage}).` });
}
