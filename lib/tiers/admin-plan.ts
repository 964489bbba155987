import { z } from "zod";
import { optionalPlainText, plainText } from "@/lib/validation/text";

// Pure logic of the tier administration: the seed article's plans, the admin's tier form, and how a change of a tier
// splits into what its usage plan's tags carry (price, visibility, key limit, name, tagline: TagResource, immediate)
// and what UpdateUsagePlan must change (throttle and quota: paced, 1 call per 20 s per account).

export type QuotaPeriod = "DAY" | "WEEK" | "MONTH";
export type Visibility = "PUBLIC" | "APPROVAL";

/** The settings an admin edits. `quotaLimit` null = no quota. */
export interface TierSettings {
  name: string;
  tagline: string | null;
  rateLimit: number;
  burstLimit: number;
  quotaLimit: number | null;
  quotaPeriod: QuotaPeriod | null;
  monthlyPriceCents: number;
  visibility: Visibility;
  maxKeys: number;
}

export interface SeedPlan {
  planName: string;
  description: string;
  settings: TierSettings;
  /** The overage price the seed tags the plan with (cents per 1,000 requests over the quota), if any. */
  overageCentsPer1k?: number;
}

/**
 * The seed article's three plans (usage_plan_manager.py): basic 10/20 with 1,000 a day, premium 100/200 with 10,000
 * a day, enterprise 1,000/2,000 unlimited. Prices and visibility are Gatehouse's demo defaults (local AWS's seed).
 */
export const SEED_PLANS: readonly SeedPlan[] = [
  {
    planName: "basic",
    description: "Basic tier - 1000 requests/day",
    settings: { name: "Basic", tagline: null, rateLimit: 10, burstLimit: 20, quotaLimit: 1000, quotaPeriod: "DAY", monthlyPriceCents: 0, visibility: "PUBLIC", maxKeys: 5 },
    overageCentsPer1k: 50,
  },
  {
    planName: "premium",
    description: "Premium tier - 10000 requests/day",
    settings: { name: "Premium", tagline: null, rateLimit: 100, burstLimit: 200, quotaLimit: 10000, quotaPeriod: "DAY", monthlyPriceCents: 4900, visibility: "PUBLIC", maxKeys: 5 },
    overageCentsPer1k: 20,
  },
  {
    planName: "enterprise",
    description: "Enterprise tier - Unlimited",
    settings: { name: "Enterprise", tagline: null, rateLimit: 1000, burstLimit: 2000, quotaLimit: null, quotaPeriod: null, monthlyPriceCents: 49900, visibility: "APPROVAL", maxKeys: 5 },
  },
];

/** The tags that carry the portal's settings on a usage plan (read back by planToTier). */
export function tagsFor(settings: TierSettings): Record<string, string> {
  const tags: Record<string, string> = {
    "gatehouse:display-name": settings.name,
    "gatehouse:price-cents": String(settings.monthlyPriceCents),
    "gatehouse:visibility": settings.visibility === "APPROVAL" ? "approval" : "public",
    "gatehouse:max-keys": String(settings.maxKeys),
  };
  if (settings.tagline) tags["gatehouse:tagline"] = settings.tagline;
  return tags;
}

/** A seed plan's tags: its settings plus its overage price (lib/tiers/plan-to-tier.ts OVERAGE_TAG). */
export function seedTags(seed: SeedPlan): Record<string, string> {
  const tags = tagsFor(seed.settings);
  if (seed.overageCentsPer1k !== undefined) tags["gatehouse:overage-cents-per-1k"] = String(seed.overageCentsPer1k);
  return tags;
}

export const RETIRED_TAG = "gatehouse:retired";

export interface PatchOp {
  op: "replace" | "remove";
  path: string;
  value?: string;
}

export interface TierChange {
  /** Tags to set and to remove (TagResource / UntagResource). */
  tags: { set: Record<string, string>; remove: string[] };
  /** UpdateUsagePlan's operations, in one call; empty when only tags change. */
  patch: PatchOp[];
  /** The names of the fields that change, for the audit log and the progress line. */
  fields: (keyof TierSettings)[];
}

const TAG_FIELDS = ["name", "tagline", "monthlyPriceCents", "visibility", "maxKeys"] as const;

/** What must change in AWS to turn `from` into `to`. */
export function tierChange(from: TierSettings, to: TierSettings): TierChange {
  const fields = (Object.keys(to) as (keyof TierSettings)[]).filter((k) => from[k] !== to[k]);
  const tagsChanged = fields.some((f) => (TAG_FIELDS as readonly string[]).includes(f));
  const set = tagsChanged ? tagsFor(to) : {};
  const remove = tagsChanged && !to.tagline && from.tagline ? ["gatehouse:tagline"] : [];
  const patch: PatchOp[] = [];
  if (from.rateLimit !== to.rateLimit) patch.push({ op: "replace", path: "/throttle/rateLimit", value: String(to.rateLimit) });
  if (from.burstLimit !== to.burstLimit) patch.push({ op: "replace", path: "/throttle/burstLimit", value: String(to.burstLimit) });
  if (to.quotaLimit === null) {
    if (from.quotaLimit !== null) patch.push({ op: "remove", path: "/quota" });
  } else {
    if (from.quotaPeriod !== to.quotaPeriod) patch.push({ op: "replace", path: "/quota/period", value: to.quotaPeriod ?? "DAY" });
    if (from.quotaLimit !== to.quotaLimit) patch.push({ op: "replace", path: "/quota/limit", value: String(to.quotaLimit) });
  }
  return { tags: { set, remove }, patch, fields };
}

const MAX_RATE = 10_000; // API Gateway's default account-level throttle (requests per second)
const MAX_BURST = 5_000;
const MAX_QUOTA = 2_147_483_647;

function numberField(label: string, { min, max, integer }: { min: number; max: number; integer: boolean }) {
  return z
    .union([z.number(), z.string()], { error: `Enter ${label}.` })
    .transform((v, ctx) => {
      const text = String(v).trim();
      const n = text === "" ? Number.NaN : Number(text);
      if (!Number.isFinite(n)) ctx.addIssue({ code: "custom", message: `Enter ${label} as a number.` });
      else if (integer && !Number.isInteger(n)) ctx.addIssue({ code: "custom", message: `Enter ${label} as a whole number.` });
      else if (n < min || n > max) ctx.addIssue({ code: "custom", message: `Enter ${label} between ${min.toLocaleString("en-US")} and ${max.toLocaleString("en-US")}.` });
      return n;
    });
}

/** "49", "49.5", "49.00" or "$49" → cents; at most two decimals. */
const price = z.union([z.number(), z.string()], { error: "Enter a monthly price." }).transform((v, ctx) => {
  const text = String(v).trim().replace(/^\$/, "");
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(text)) {
    ctx.addIssue({ code: "custom", message: "Enter the monthly price in dollars, such as 49 or 49.90 (0 for free)." });
    return 0;
  }
  return Math.round(Number(text) * 100);
});

/** The admin's tier form (FormData strings or plain values). An empty quota means no quota. */
export const tierFormSchema = z
  .object({
    name: plainText("a name", { max: 40 }).refine((v) => v === "" || /[a-z0-9]/i.test(v), "Use at least one letter or digit in the name."),
    tagline: optionalPlainText("the tagline", 200),
    rateLimit: numberField("a rate limit", { min: 0, max: MAX_RATE, integer: false }),
    burstLimit: numberField("a burst limit", { min: 0, max: MAX_BURST, integer: true }),
    quotaLimit: z
      .union([z.number(), z.string(), z.null()])
      .optional()
      .transform((v, ctx) => {
        const text = v === null || v === undefined ? "" : String(v).trim();
        if (text === "") return null;
        const n = Number(text);
        if (!Number.isInteger(n) || n < 1 || n > MAX_QUOTA) {
          ctx.addIssue({ code: "custom", message: "Enter the quota as a whole number of requests (at least 1), or leave it empty for no quota." });
          return null;
        }
        return n;
      }),
    quotaPeriod: z
      .union([z.enum(["DAY", "WEEK", "MONTH"]), z.literal(""), z.null()], { error: "Choose day, week or month." })
      .optional()
      .transform((v) => (v ? v : null)),
    price,
    visibility: z.enum(["PUBLIC", "APPROVAL"], { error: "Choose public or approval only." }),
    maxKeys: numberField("a key limit", { min: 1, max: 100, integer: true }),
  })
  .superRefine((v, ctx) => {
    if (v.quotaLimit !== null && v.quotaPeriod === null) ctx.addIssue({ code: "custom", path: ["quotaPeriod"], message: "Choose the period the quota resets on." });
  })
  .transform(
    (v): TierSettings => ({
      name: v.name,
      tagline: v.tagline ?? null,
      rateLimit: v.rateLimit,
      burstLimit: v.burstLimit,
      quotaLimit: v.quotaLimit,
      quotaPeriod: v.quotaLimit === null ? null : v.quotaPeriod,
      monthlyPriceCents: v.price,
      visibility: v.visibility,
      maxKeys: v.maxKeys,
    }),
  );

export type TierFormInput = z.input<typeof tierFormSchema>;

/** A slug for a new tier's name, as planToTier derives it from the plan name. */
export function slugOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

export const apiStageSchema = z.object({
  apiId: z.string({ error: "Choose an API." }).trim().min(1, "Choose an API.").max(64, "Choose one of the listed APIs.").regex(/^[A-Za-z0-9]+$/, "Choose one of the listed APIs."),
  stage: z.string({ error: "Choose a stage." }).trim().min(1, "Choose a stage.").max(128, "Choose one of the listed stages.").regex(/^[A-Za-z0-9_-]+$/, "Choose one of the listed stages."),
});

/** The bootstrap form: one select whose value is "apiId:stage". */
export const bootstrapSchema = z
  .object({ apiStage: z.string({ error: "Choose an API stage." }).trim().min(1, "Choose an API stage.").max(200, "Choose one of the listed stages.") })
  .transform((v, ctx) => {
    const [apiId = "", stage = ""] = v.apiStage.split(":");
    const parsed = apiStageSchema.safeParse({ apiId, stage });
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", path: ["apiStage"], message: "Choose one of the listed stages." });
      return z.NEVER;
    }
    return parsed.data;
  });

export const retireSchema = z.object({
  toTierId: z.string({ error: "Choose the tier its customers move to." }).trim().min(1, "Choose the tier its customers move to.").max(64, "Choose one of the listed tiers.").regex(/^[A-Za-z0-9_-]+$/, "Choose one of the listed tiers."),
});

/** Minimum spacing between two UpdateUsagePlan calls of the account: AWS's 20 s, plus a second of margin. */
export const UPDATE_PLAN_SPACING_MS = 21_000;

/** The next free slot for an UpdateUsagePlan call, given the latest slot already reserved. */
export function nextSlot(now: Date, lastReserved: Date | null, spacingMs = UPDATE_PLAN_SPACING_MS): Date {
  if (!lastReserved) return now;
  const earliest = lastReserved.getTime() + spacingMs;
  return new Date(Math.max(now.getTime(), earliest));
}
