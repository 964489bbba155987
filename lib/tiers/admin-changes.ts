import "server-only";
import { listUsagePlans, type UsagePlanSummary } from "@/lib/aws/api-gateway";
import { toAppError } from "@/lib/aws/errors";
import { createUsagePlan, deleteUsagePlan, getUsagePlan, listApiStages } from "@/lib/aws/usage-plans";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { targetApi } from "@/lib/gateway/target-api";
import type { Prisma } from "@/lib/generated/prisma";
import { enqueueOperation } from "@/lib/operations/enqueue";
import { runOperationNow, type RunOutcome } from "@/lib/operations/run";
import { authorize } from "@/lib/policy/authorize";
import type { Actor } from "@/lib/policy/actor";
import { fail, ok, type Result } from "@/lib/result";
import { customersOnTier } from "@/lib/operations/handlers/retire-tier";
import { bootstrapSchema, retireSchema, SEED_PLANS, slugOf, tagsFor, tierChange, tierFormSchema, type TierSettings } from "@/lib/tiers/admin-plan";
import { reserveUpdateSlot } from "@/lib/tiers/admin-pacing";
import { idSchema } from "@/lib/validation/id";
import { invalidInput } from "@/lib/validation/field-errors";

export interface TierNotice {
  notice: string;
  /** "done": applied in AWS; "queued": recorded and finishing in the background (shown as progress on the page). */
  status: "done" | "queued";
}

const seconds = (at: Date) => Math.max(1, Math.ceil((at.getTime() - Date.now()) / 1000));

function queuedNotice(outcome: RunOutcome, what: string): string {
  if (outcome.status === "retrying") return `${what} is queued and runs in about ${seconds(outcome.runAfter)} s. Its progress shows on this page.`;
  return `${what} is queued and finishes in the background. Its progress shows on this page.`;
}

/**
 * Creates the seed article's basic, premium and enterprise plans on the chosen API stage, only when no usage plan
 * covers that stage yet. Three CreateUsagePlan calls: a BOOTSTRAP_TIERS operation, recorded before the first.
 */
export async function bootstrapTiers(actor: Actor | null, input: unknown): Promise<Result<TierNotice>> {
  const allowed = authorize(actor, "tier.bootstrap");
  if (!allowed.ok || !actor) return allowed.ok ? fail("unauthenticated", "Please sign in.") : allowed;
  const parsed = bootstrapSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { apiId, stage } = parsed.data;
  let isTarget: boolean;
  try {
    const [stages, plans, api] = await Promise.all([listApiStages(), listUsagePlans(), targetApi()]);
    if (!stages.some((s) => s.apiId === apiId && s.stage === stage)) {
      return fail("invalid", "That API stage does not exist.", { apiStage: ["Choose one of the listed stages."] });
    }
    const onStage = plans.filter((p) => p.stages.some((s) => s.apiId === apiId && s.stage === stage)).map((p) => p.name);
    if (onStage.length > 0) {
      const message = `The stage ${stage} already has usage plans (${onStage.join(", ")}): edit those tiers instead.`;
      return fail("conflict", message, { apiStage: [message] });
    }
    isTarget = api.restApiId === apiId && api.stage === stage;
  } catch (error) {
    return { ok: false, error: toAppError(error, "Checking the API stage") };
  }
  const op = await db.$transaction(async (tx) => {
    if ((await tx.operation.count({ where: { kind: "BOOTSTRAP_TIERS", status: { in: ["QUEUED", "RUNNING"] } } })) > 0) return null;
    const created = await enqueueOperation(tx, { kind: "BOOTSTRAP_TIERS", customerId: null, input: { apiId, stage, isTarget }, createdById: actor.userId });
    await recordAudit(tx, { actor, action: "tier.bootstrap", target: { type: "api_stage", id: `${apiId}:${stage}` }, meta: { plans: SEED_PLANS.map((p) => p.planName) } });
    return created;
  });
  if (!op) return fail("conflict", "The seed's plans are already being created. Watch their progress on this page.");
  const outcome = await runOperationNow(op.id);
  const where = isTarget ? "" : " They are on a stage the portal does not front, so customers are not offered them here.";
  if (outcome.status === "succeeded") return ok({ status: "done", notice: `Created the basic, premium and enterprise plans on ${stage}.${where}` });
  if (outcome.status === "failed") return fail("unavailable", "AWS refused to create the plans, so none were kept. Please try again.");
  return ok({ status: "queued", notice: queuedNotice(outcome, "Creating the plans") + where });
}

/** Keeps the tiers ordered as the sync orders them: cheapest first, then by rate. */
async function resort(tx: Prisma.TransactionClient) {
  const all = await tx.tier.findMany({ select: { id: true, monthlyPriceCents: true, rateLimit: true }, orderBy: { sortOrder: "asc" } });
  all.sort((a, b) => a.monthlyPriceCents - b.monthlyPriceCents || a.rateLimit - b.rateLimit);
  for (const [index, t] of all.entries()) await tx.tier.update({ where: { id: t.id }, data: { sortOrder: index } });
}

/** A new tier on the portal's stage: one CreateUsagePlan (settings in its tags), then the tier row and its audit entry. */
export async function createTier(actor: Actor | null, input: unknown): Promise<Result<TierNotice & { tierId: string }>> {
  const allowed = authorize(actor, "tier.create");
  if (!allowed.ok || !actor) return allowed.ok ? fail("unauthenticated", "Please sign in.") : allowed;
  const parsed = tierFormSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const settings = parsed.data;
  const slug = slugOf(settings.name);
  if (await db.tier.findFirst({ where: { OR: [{ slug }, { name: { equals: settings.name, mode: "insensitive" } }] }, select: { id: true } })) {
    return fail("invalid", "Please correct the highlighted fields.", { name: [`A tier named like “${settings.name}” exists already. Choose another name.`] });
  }
  let plan;
  try {
    const api = await targetApi();
    plan = await createUsagePlan({
      name: slug,
      description: settings.tagline,
      apiId: api.restApiId,
      stage: api.stage,
      rateLimit: settings.rateLimit,
      burstLimit: settings.burstLimit,
      quota: settings.quotaLimit !== null && settings.quotaPeriod ? { limit: settings.quotaLimit, period: settings.quotaPeriod } : null,
      tags: tagsFor(settings),
    });
  } catch (error) {
    return { ok: false, error: toAppError(error, "Creating the usage plan") };
  }
  try {
    const tier = await db.$transaction(async (tx) => {
      const created = await tx.tier.create({
        data: {
          slug,
          name: settings.name,
          description: settings.tagline,
          usagePlanId: plan.id,
          rateLimit: settings.rateLimit,
          burstLimit: settings.burstLimit,
          quotaLimit: settings.quotaLimit,
          quotaPeriod: settings.quotaPeriod,
          monthlyPriceCents: settings.monthlyPriceCents,
          visibility: settings.visibility,
          maxKeys: settings.maxKeys,
        },
      });
      await resort(tx);
      await recordAudit(tx, { actor, action: "tier.create", target: { type: "tier", id: created.id }, meta: { slug, usagePlanId: plan.id } });
      return created;
    });
    return ok({ status: "done", tierId: tier.id, notice: `Created the ${settings.name} tier (usage plan ${plan.id}).` });
  } catch (error) {
    // The portal could not record it: take the plan away again so nothing is left half-made.
    await deleteUsagePlan(plan.id).catch(() => undefined);
    throw error;
  }
}

async function currentSettings(tierId: string): Promise<{ tier: { id: string; name: string; usagePlanId: string; available: boolean }; settings: TierSettings } | null> {
  const tier = await db.tier.findUnique({ where: { id: tierId } });
  if (!tier) return null;
  let plan: UsagePlanSummary | null = null;
  try {
    plan = await getUsagePlan(tier.usagePlanId);
  } catch (error) {
    if (!(error instanceof Error && error.name === "NotFoundException")) throw error;
  }
  return {
    tier,
    settings: {
      name: tier.name,
      tagline: plan?.tags["gatehouse:tagline"] ?? null,
      rateLimit: tier.rateLimit,
      burstLimit: tier.burstLimit,
      quotaLimit: tier.quotaLimit,
      quotaPeriod: tier.quotaPeriod,
      monthlyPriceCents: tier.monthlyPriceCents,
      visibility: tier.visibility,
      maxKeys: tier.maxKeys,
    },
  };
}

/**
 * Edits a tier. Tags (price, visibility, key limit, name, tagline) change at once; throttle and quota go through
 * UpdateUsagePlan, which AWS allows once per 20 s per account: the change is queued as an UPDATE_TIER operation with
 * a reserved slot, so the form succeeds either way and the page shows its place in the queue.
 */
export async function updateTier(actor: Actor | null, tierId: unknown, input: unknown): Promise<Result<TierNotice>> {
  const allowed = authorize(actor, "tier.update");
  if (!allowed.ok || !actor) return allowed.ok ? fail("unauthenticated", "Please sign in.") : allowed;
  const id = idSchema.safeParse(tierId);
  if (!id.success) return fail("not_found", "That tier does not exist.");
  const parsed = tierFormSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let current;
  try {
    current = await currentSettings(id.data);
  } catch (error) {
    return { ok: false, error: toAppError(error, "Reading the usage plan") };
  }
  if (!current) return fail("not_found", "That tier does not exist.");
  if (!current.tier.available) return fail("conflict", `${current.tier.name} is retired or its plan is gone, so it cannot be edited.`);
  const to = parsed.data;
  if (to.name.toLowerCase() !== current.settings.name.toLowerCase()) {
    const clash = await db.tier.findFirst({ where: { id: { not: current.tier.id }, name: { equals: to.name, mode: "insensitive" } }, select: { id: true } });
    if (clash) return fail("invalid", "Please correct the highlighted fields.", { name: ["Another tier has that name. Choose another."] });
  }
  const change = tierChange(current.settings, to);
  if (change.fields.length === 0) return ok({ status: "done", notice: "Nothing changed." });

  const op = await db.$transaction(async (tx) => {
    const slotAt = change.patch.length > 0 ? (await reserveUpdateSlot(tx)).toISOString() : undefined;
    const created = await enqueueOperation(tx, {
      kind: "UPDATE_TIER",
      customerId: null,
      input: JSON.parse(JSON.stringify({ tierId: current.tier.id, usagePlanId: current.tier.usagePlanId, from: current.settings, to, ...change, slotAt })) as Prisma.InputJsonValue,
      createdById: actor.userId,
    });
    await recordAudit(tx, { actor, action: "tier.update", target: { type: "tier", id: current.tier.id }, meta: { fields: change.fields } });
    return created;
  });
  const outcome = await runOperationNow(op.id);
  if (outcome.status === "succeeded") return ok({ status: "done", notice: `Saved ${to.name}.` });
  if (outcome.status === "failed") return fail("unavailable", `AWS refused the change to ${to.name}, so nothing was changed: ${outcome.error}`);
  const tagsOnly = change.patch.length === 0;
  return ok({
    status: "queued",
    notice: tagsOnly
      ? queuedNotice(outcome, `The change to ${to.name}`)
      : `${change.fields.some((f) => ["name", "tagline", "monthlyPriceCents", "visibility", "maxKeys"].includes(f)) ? "Price and settings saved. " : ""}${queuedNotice(outcome, `The new limits of ${to.name}`)} (AWS allows one usage plan update per 20 seconds.)`,
  });
}

/** Retires a tier: off offer at once, then every customer on it moves to `toTierId` (MOVE_TIER operations). */
export async function retireTier(actor: Actor | null, tierId: unknown, input: unknown): Promise<Result<TierNotice>> {
  const allowed = authorize(actor, "tier.retire");
  if (!allowed.ok || !actor) return allowed.ok ? fail("unauthenticated", "Please sign in.") : allowed;
  const id = idSchema.safeParse(tierId);
  if (!id.success) return fail("not_found", "That tier does not exist.");
  const parsed = retireSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const [tier, to] = await Promise.all([db.tier.findUnique({ where: { id: id.data } }), db.tier.findUnique({ where: { id: parsed.data.toTierId } })]);
  if (!tier) return fail("not_found", "That tier does not exist.");
  if (!tier.available) return fail("conflict", `${tier.name} is already retired.`);
  if (!to || !to.available || to.id === tier.id) return fail("invalid", "Please choose where its customers go.", { toTierId: ["Choose another tier that is on offer."] });
  const others = await db.tier.count({ where: { available: true, visibility: "PUBLIC", id: { not: tier.id } } });
  if (others === 0) return fail("conflict", "This is the last public tier: new customers would have none to sign up on. Create another first.");
  const customers = (await customersOnTier(tier.id)).length;
  const op = await db.$transaction(async (tx) => {
    if ((await tx.operation.count({ where: { kind: "RETIRE_TIER", status: { in: ["QUEUED", "RUNNING"] }, input: { path: ["tierId"], equals: tier.id } } })) > 0) return null;
    const created = await enqueueOperation(tx, { kind: "RETIRE_TIER", customerId: null, input: { tierId: tier.id, toTierId: to.id }, createdById: actor.userId });
    await recordAudit(tx, { actor, action: "tier.retire", target: { type: "tier", id: tier.id }, meta: { tier: tier.slug, to: to.slug, customers } });
    return created;
  });
  if (!op) return fail("conflict", `${tier.name} is already being retired.`);
  const outcome = await runOperationNow(op.id);
  if (outcome.status === "succeeded") return ok({ status: "done", notice: `${tier.name} is retired${customers ? `; its ${customers} customer(s) are on ${to.name}` : ""}.` });
  if (outcome.status === "failed") return fail("unavailable", `Retiring ${tier.name} failed, so it stays on offer: ${outcome.error}`);
  return ok({ status: "queued", notice: `${tier.name} is off offer. Moving its ${customers} customer(s) to ${to.name}; progress shows on this page.` });
}
