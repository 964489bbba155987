import "server-only";
import { listUsagePlans, type UsagePlanSummary } from "@/lib/aws/api-gateway";
import { toAppError } from "@/lib/aws/errors";
import { listApiStages, type ApiStage } from "@/lib/aws/usage-plans";
import { db } from "@/lib/db";
import { targetApi } from "@/lib/gateway/target-api";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { ok, type Result } from "@/lib/result";
import { RETIRED_TAG, type TierSettings } from "@/lib/tiers/admin-plan";
import { queuedTierChanges, type QueuedChange } from "@/lib/tiers/admin-pacing";

export interface TierActivity {
  id: string;
  kind: "update" | "retire" | "bootstrap";
  status: "queued" | "running" | "succeeded" | "failed";
  /** Place in the UpdateUsagePlan queue (1 = next), for queued updates. */
  position: number | null;
  runAfter: string;
  finishedAt: string | null;
  detail: string;
}

export interface AdminTier {
  id: string;
  slug: string;
  usagePlanId: string;
  settings: TierSettings;
  available: boolean;
  retired: boolean;
  /** The plan is not found in AWS (deleted outside the portal), or AWS could not be asked. */
  planMissing: boolean;
  customers: number;
  activity: TierActivity[];
}

export interface AdminTiersView {
  tiers: AdminTier[];
  target: { apiId: string; apiName: string; stage: string } | null;
  /** Set when AWS could not be read: the page still shows the portal's records. */
  awsError: string | null;
  /** Tier changes waiting for their UpdateUsagePlan slot, in order. */
  queue: QueuedChange[];
  bootstrapRunning: TierActivity | null;
}

const RECENT_MS = 15 * 60_000;

function describeUpdate(fields: string[]): string {
  const names: Record<string, string> = {
    name: "name",
    tagline: "tagline",
    rateLimit: "rate",
    burstLimit: "burst",
    quotaLimit: "quota",
    quotaPeriod: "quota period",
    monthlyPriceCents: "price",
    visibility: "visibility",
    maxKeys: "key limit",
  };
  return fields.map((f) => names[f] ?? f).join(", ");
}

/** Every tier (on offer or not) with its customers and the changes queued or recently finished for it. */
export async function listAdminTiers(actor: Actor | null): Promise<Result<AdminTiersView>> {
  const allowed = authorize(actor, "tier.admin_read");
  if (!allowed.ok) return allowed;
  let plans: UsagePlanSummary[] | null = null;
  let target: AdminTiersView["target"] = null;
  let awsError: string | null = null;
  try {
    const [found, api] = await Promise.all([listUsagePlans(), targetApi()]);
    plans = found;
    target = { apiId: api.restApiId, apiName: api.name, stage: api.stage };
  } catch (error) {
    awsError = toAppError(error, "Reading the usage plans").message;
  }
  const since = new Date(Date.now() - RECENT_MS);
  const [tiers, counts, queue, ops] = await Promise.all([
    db.tier.findMany({ orderBy: [{ available: "desc" }, { sortOrder: "asc" }] }),
    db.customer.groupBy({ by: ["tierId"], where: { status: { not: "DELETED" } }, _count: { _all: true } }),
    queuedTierChanges(),
    db.operation.findMany({
      where: {
        kind: { in: ["UPDATE_TIER", "RETIRE_TIER", "BOOTSTRAP_TIERS"] },
        OR: [{ status: { in: ["QUEUED", "RUNNING"] } }, { finishedAt: { gte: since } }],
      },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: { id: true, kind: true, status: true, input: true, state: true, runAfter: true, finishedAt: true, lastError: true },
    }),
  ]);
  const countOf = new Map(counts.map((c) => [c.tierId, c._count._all]));
  const planOf = new Map((plans ?? []).map((p) => [p.id, p]));
  const positionOf = new Map(queue.map((q) => [q.id, q.position]));

  const activity = ops.map((op) => {
    const input = (op.input ?? {}) as { tierId?: string; fields?: string[]; apiId?: string; stage?: string };
    const state = (op.state ?? {}) as { remaining?: number; enqueued?: number; tagsDone?: boolean };
    const status = op.status === "QUEUED" ? "queued" : op.status === "RUNNING" ? "running" : op.status === "SUCCEEDED" ? "succeeded" : "failed";
    const kind = op.kind === "UPDATE_TIER" ? "update" : op.kind === "RETIRE_TIER" ? "retire" : "bootstrap";
    let detail: string;
    if (kind === "update") {
      detail = `Change of ${describeUpdate(input.fields ?? [])}`;
      if (status === "queued" && state.tagsDone) detail += " (price and settings saved; limits waiting for AWS)";
    } else if (kind === "retire") {
      detail = status === "succeeded" ? `Retired; ${state.enqueued ?? 0} customer(s) moved` : `Retiring: ${state.remaining ?? "all"} customer(s) still to move`;
    } else detail = `Creating the seed's plans on ${input.apiId ?? ""}:${input.stage ?? ""}`;
    if (status === "failed" && op.lastError) detail += `. Failed: ${op.lastError}`;
    else if (status === "queued" && op.lastError) detail += `. Last attempt: ${op.lastError}`;
    return {
      tierId: input.tierId ?? "",
      item: {
        id: op.id,
        kind,
        status,
        position: kind === "update" && status !== "succeeded" && status !== "failed" ? (positionOf.get(op.id) ?? null) : null,
        runAfter: op.runAfter.toISOString(),
        finishedAt: op.finishedAt?.toISOString() ?? null,
        detail,
      } satisfies TierActivity,
    };
  });

  return ok({
    target,
    awsError,
    queue,
    bootstrapRunning: activity.find((a) => a.item.kind === "bootstrap" && (a.item.status === "queued" || a.item.status === "running"))?.item ?? null,
    tiers: tiers.map((t) => {
      const plan = planOf.get(t.usagePlanId);
      return {
        id: t.id,
        slug: t.slug,
        usagePlanId: t.usagePlanId,
        available: t.available,
        retired: plan?.tags[RETIRED_TAG] === "true",
        planMissing: plans !== null && !plan,
        customers: countOf.get(t.id) ?? 0,
        settings: {
          name: t.name,
          tagline: plan?.tags["gatehouse:tagline"] ?? null,
          rateLimit: t.rateLimit,
          burstLimit: t.burstLimit,
          quotaLimit: t.quotaLimit,
          quotaPeriod: t.quotaPeriod,
          monthlyPriceCents: t.monthlyPriceCents,
          visibility: t.visibility,
          maxKeys: t.maxKeys,
        },
        activity: activity.filter((a) => a.tierId === t.id).map((a) => a.item),
      };
    }),
  });
}

/** The account's API stages for the bootstrap selector, with the names of the usage plans already on each. */
export async function listBootstrapStages(actor: Actor | null): Promise<Result<(ApiStage & { plans: string[] })[]>> {
  const allowed = authorize(actor, "tier.bootstrap");
  if (!allowed.ok) return allowed;
  try {
    const [stages, plans] = await Promise.all([listApiStages(), listUsagePlans()]);
    return ok(
      stages.map((s) => ({ ...s, plans: plans.filter((p) => p.stages.some((ps) => ps.apiId === s.apiId && ps.stage === s.stage)).map((p) => p.name) })),
    );
  } catch (error) {
    return { ok: false, error: toAppError(error, "Listing the API stages") };
  }
}
